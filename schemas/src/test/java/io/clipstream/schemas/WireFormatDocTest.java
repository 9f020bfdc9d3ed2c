package io.clipstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.schemas.wire.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The header table of docs/wire-format.md must be what the codec writes. */
class WireFormatDocTest {

    @Test
    void documentedHeadersAreTheCodecsHeaders() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "wire-format.md"));
        Matcher m = Pattern.compile("\\| `(\\w+Event)` \\| `([0-9a-f]{16})` \\| `([0-9A-F ]+)` \\|").matcher(doc);
        Map<String, String> headers = new HashMap<>();
        while (m.find()) {
            headers.put(m.group(1), m.group(3));
        }
        Map<String, Class<? extends SpecificRecord>> types = Map.of("ImageEvent", ImageEvent.class,
                "CaptionEvent", CaptionEvent.class, "LabelEvent", LabelEvent.class, "MatchEvent", MatchEvent.class,
                "TagEvent", TagEvent.class, "EmbeddingEvent", EmbeddingEvent.class, "DeadLetterEvent", DeadLetterEvent.class);
        assertThat(headers.keySet()).containsExactlyInAnyOrderElementsOf(types.keySet());
        for (Map.Entry<String, Class<? extends SpecificRecord>> e : types.entrySet()) {
            long fp = EventCodec.of(e.getValue()).fingerprint();
            StringBuilder expected = new StringBuilder("C3 01");
            for (int i = 0; i < 8; i++) {
                expected.append(String.format(" %02X", (fp >>> (8 * i)) & 0xFF));
            }
            assertThat(headers.get(e.getKey())).as("header of %s", e.getKey()).isEqualTo(expected.toString());
        }
    }
}
