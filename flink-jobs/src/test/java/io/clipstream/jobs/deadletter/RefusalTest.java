package io.clipstream.jobs.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.event.Provenance;
import io.clipstream.schemas.DeadLetterEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The dead letters of refusals past the source: {@link DeadLetters#refusal} and the sink's cap. */
class RefusalTest {

    @Test
    void keepsProvenanceStageAndReason() {
        DeadLetterEvent d = DeadLetters.capOriginal(DeadLetters.refusal(new Provenance("images", 1, 99L), Stage.TAG,
                DeadLetterReason.UNKNOWN_VOCABULARY, "img-7", "vocabulary 'x' has no labels"), 4);
        assertThat(d.getStage()).isEqualTo("tag");
        assertThat(d.getReason()).isEqualTo("UNKNOWN_VOCABULARY");
        assertThat(d.getSourceTopic()).isEqualTo("images");
        assertThat(d.getSourcePartition()).isEqualTo(1);
        assertThat(d.getSourceOffset()).isEqualTo(99L);
        assertThat(d.getMessage()).isEqualTo("img-7: vocabulary 'x' has no labels");
        // without a payload the id is kept, cut to the cap
        assertThat(StandardCharsets.UTF_8.decode(d.getOriginalBytes()).toString()).isEqualTo("img-");
        assertThat(d.getOriginalSize()).isEqualTo(5);
    }

    @Test
    void encoderRefusalsAreEncodeStage() {
        DeadLetterEvent d = DeadLetters.capOriginal(
                DeadLetters.refusal(null, Stage.ENCODE, DeadLetterReason.EMPTY_CAPTION, "c", "empty"), 100);
        assertThat(d.getStage()).isEqualTo("encode");
        assertThat(d.getReason()).isEqualTo("EMPTY_CAPTION");
        assertThat(d.getSourcePartition()).isEqualTo(-1);
    }

    @Test
    void aProvenanceWithOriginGivesTheRecordsKeyAndBytes() {
        byte[] key = {(byte) 0xFF, 0x00};
        byte[] record = "the whole input record".getBytes(StandardCharsets.UTF_8);
        DeadLetterEvent d = DeadLetters.capOriginal(DeadLetters.refusal(new Provenance("images", 1, 99L, key, record,
                338), Stage.TAG, DeadLetterReason.UNKNOWN_VOCABULARY, "img-7", "vocabulary 'x' has no labels"), 1024);
        byte[] k = new byte[d.getSourceKey().remaining()];
        d.getSourceKey().get(k);
        assertThat(k).containsExactly(key);
        assertThat(StandardCharsets.UTF_8.decode(d.getOriginalBytes()).toString()).isEqualTo("the whole input record");
        assertThat(d.getOriginalSize()).isEqualTo(338);
    }

    @Test
    void theCapLeavesAShortRecordAsItIs() {
        DeadLetterEvent d = DeadLetters.refusal(null, Stage.ENCODE, DeadLetterReason.ENCODE_FAILED, "abc", "x");
        assertThat(DeadLetters.capOriginal(d, 3)).isSameAs(d);
    }

    @Test
    void theReasonTableHasARowForEveryReasonOfTheLayersBelow() {
        assertThat(ReasonTable.coversImageReasons()).isTrue();
        assertThat(ReasonTable.coversWireReasons()).isTrue();
    }
}
