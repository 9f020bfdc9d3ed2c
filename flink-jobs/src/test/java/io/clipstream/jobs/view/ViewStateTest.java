package io.clipstream.jobs.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.fetch.FetchOptions;
import io.clipstream.preprocess.fetch.ImageFetcher;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.Decision;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.Timings;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewStateTest {
    private final ViewState state = new ViewState(
            new Thumbnails(ImageDecoder.create(), ImageFetcher.standard(FetchOptions.defaults()), 10));

    @Test
    void aChangedDecisionIsARevisionOfTheSameRow() throws Exception {
        List<String> events = new ArrayList<>();
        state.listen((name, json) -> events.add(name));
        state.caption(CaptionEvent.newBuilder().setCaptionId("c1").setText("a cat").setEventTime(Instant.now()).build());
        state.match(match("img", "c1", Decision.NO_MATCH, 0.2f));
        state.match(match("img", "c2", Decision.MATCH, 0.4f));
        state.match(match("img", "c2", Decision.MATCH, 0.4f));
        JsonNode rows = state.snapshot().get("matches");
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("captionId").asText()).isEqualTo("c2");
        assertThat(row.get("revisions")).hasSize(1);
        assertThat(row.get("revisions").get(0).get("caption").asText()).isEqualTo("a cat");
        assertThat(row.get("revisions").get(0).get("decision").asText()).isEqualTo("NO_MATCH");
        assertThat(events).containsExactly("match", "match", "match");
    }

    @Test
    void deadLettersAreCountedByReasonAndStage() {
        state.deadLetter(dead("NOT_AVRO", "deserialize", 3));
        state.deadLetter(dead("NOT_AVRO", "deserialize", 4));
        state.deadLetter(dead("EMPTY_CAPTION", "validate", 5));
        JsonNode d = state.snapshot().get("deadLetters");
        assertThat(d.get("total").asLong()).isEqualTo(3);
        assertThat(d.get("counts").get("NOT_AVRO|deserialize").asLong()).isEqualTo(2);
        assertThat(d.get("latest").get(0).get("offset").asLong()).isEqualTo(5);
    }

    private static MatchEvent match(String image, String caption, Decision decision, float cosine) {
        return MatchEvent.newBuilder().setImageId(image).setCaptionId(caption).setCosine(cosine).setProbability(0.5f)
                .setRank(1).setDecision(decision).setModelId("m")
                .setTimings(new Timings(1000L, 1001L, 1002L, 1010L)).build();
    }

    private static DeadLetterEvent dead(String reason, String stage, long offset) {
        return DeadLetterEvent.newBuilder().setSourceTopic("t").setSourcePartition(0).setSourceOffset(offset).setStage(stage)
                .setReason(reason).setMessage("m").setOriginalBytes(ByteBuffer.allocate(0)).setOriginalSize(0)
                .setTime(Instant.now()).build();
    }
}
