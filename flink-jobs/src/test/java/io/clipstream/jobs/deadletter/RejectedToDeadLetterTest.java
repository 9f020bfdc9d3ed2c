package io.clipstream.jobs.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.record.Provenance;
import io.clipstream.jobs.record.RejectReason;
import io.clipstream.jobs.record.Rejected;
import io.clipstream.schemas.DeadLetterEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RejectedToDeadLetterTest {

    @Test
    void keepsProvenanceAndMapsStageAndReason() {
        Rejected r = new Rejected("tag", RejectReason.UNKNOWN_VOCABULARY, "vocabulary 'x' has no labels", "img-7",
                new Provenance("images", 1, 99L));
        DeadLetterEvent d = new RejectedToDeadLetter(4).map(r);
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
        Rejected r = new Rejected("encode-captions", RejectReason.EMPTY_TEXT, "empty", "c", null);
        DeadLetterEvent d = new RejectedToDeadLetter(100).map(r);
        assertThat(d.getStage()).isEqualTo("encode");
        assertThat(d.getReason()).isEqualTo("EMPTY_CAPTION");
        assertThat(d.getSourcePartition()).isEqualTo(-1);
    }

    @Test
    void aProvenanceWithOriginGivesTheRecordsKeyAndBytes() {
        byte[] key = {(byte) 0xFF, 0x00};
        byte[] record = "the whole input record".getBytes(StandardCharsets.UTF_8);
        Rejected r = new Rejected("tag", RejectReason.UNKNOWN_VOCABULARY, "vocabulary 'x' has no labels", "img-7",
                new Provenance("images", 1, 99L, key, record, 338));
        DeadLetterEvent d = new RejectedToDeadLetter(1024).map(r);
        byte[] k = new byte[d.getSourceKey().remaining()];
        d.getSourceKey().get(k);
        assertThat(k).containsExactly(key);
        assertThat(StandardCharsets.UTF_8.decode(d.getOriginalBytes()).toString()).isEqualTo("the whole input record");
        assertThat(d.getOriginalSize()).isEqualTo(338);
    }
}
