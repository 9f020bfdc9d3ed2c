package io.clipstream.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.LabelEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventDeserializerTest {
    private final EventCodec<CaptionEvent> codec = EventCodec.of(CaptionEvent.class);
    private final EventDeserializer<CaptionEvent> captions =
            new EventDeserializer<>(CaptionEvent.class, Validators.captions(), 1000, 16, null);

    private static CaptionEvent caption(String id, String text) {
        return CaptionEvent.newBuilder().setCaptionId(id).setText(text).setEventTime(Instant.ofEpochMilli(1)).build();
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("caps", 3, 42L, key, value);
    }

    @Test
    void decodesAGoodRecordWithItsProvenance() {
        Decoded<CaptionEvent> d = captions.decode(record(null, codec.encode(caption("c1", "a cat"))), 99L);
        assertThat(d.isDeadLetter()).isFalse();
        assertThat(d.event.getText()).isEqualTo("a cat");
        assertThat(d.topic).isEqualTo("caps");
        assertThat(d.partition).isEqualTo(3);
        assertThat(d.offset).isEqualTo(42L);
        assertThat(d.ingestMs).isEqualTo(99L);
    }

    @Test
    void everyKindOfBadValueBecomesADeadLetterWithItsReason() {
        byte[] good = codec.encode(caption("c1", "a cat"));
        assertRefused(null, "deserialize", "EMPTY_VALUE");
        assertRefused("plain text".getBytes(StandardCharsets.UTF_8), "deserialize", "NOT_AVRO");
        assertRefused(Arrays.copyOf(good, good.length - 4), "deserialize", "TRUNCATED");
        assertRefused(EventCodec.of(LabelEvent.class).encode(LabelEvent.newBuilder().setVocabulary("v").setLabel("l").build()),
                "deserialize", "UNKNOWN_SCHEMA");
        assertRefused(new byte[2000], "deserialize", "OVERSIZED");
        assertRefused(codec.encode(caption("", "a cat")), "validate", "MISSING_ID");
        assertRefused(codec.encode(caption("c2", "  \t")), "validate", "EMPTY_CAPTION");
    }

    @Test
    void keepsTheOriginalBytesUpToTheCap() {
        byte[] value = "0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8);
        DeadLetterEvent dl = captions.decode(new ConsumerRecord<>("caps", 0, 7L, "k".getBytes(), value), 1L).deadLetter;
        assertThat(dl.getOriginalSize()).isEqualTo(value.length);
        assertThat(dl.getOriginalBytes().remaining()).isEqualTo(16);
        assertThat(dl.getSourceOffset()).isEqualTo(7L);
        assertThat(StandardCharsets.UTF_8.decode(dl.getSourceKey()).toString()).isEqualTo("k");
        assertThat(dl.getMessage()).contains("C3 01");
    }

    @Test
    void aLabelTombstoneDeletesTheLabelOfItsKey() {
        EventDeserializer<LabelEvent> labels = new EventDeserializer<>(LabelEvent.class, Validators.labels(), 1000, 16,
                ClipSources::labelTombstone);
        Decoded<LabelEvent> d = labels.decode(record("fruit/apple".getBytes(StandardCharsets.UTF_8), null), 1L);
        assertThat(d.isDeadLetter()).isFalse();
        assertThat(d.event.getVocabulary()).isEqualTo("fruit");
        assertThat(d.event.getLabel()).isEqualTo("apple");
        assertThat(d.event.getDeleted()).isTrue();
        assertThat(labels.decode(record("nokey".getBytes(StandardCharsets.UTF_8), null), 1L).deadLetter.getReason())
                .isEqualTo("EMPTY_VALUE");
    }

    private void assertRefused(byte[] value, String stage, String reason) {
        Decoded<CaptionEvent> d = captions.decode(record(null, value), 1L);
        assertThat(d.isDeadLetter()).as("%s refused", reason).isTrue();
        assertThat(d.deadLetter.getStage()).isEqualTo(stage);
        assertThat(d.deadLetter.getReason()).isEqualTo(reason);
        assertThat(d.deadLetter.getSourceTopic()).isEqualTo("caps");
    }
}
