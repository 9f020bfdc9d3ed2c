package io.clipstream.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.event.LabelScore;
import io.clipstream.jobs.event.MatchResult;
import io.clipstream.jobs.event.Provenance;
import io.clipstream.jobs.event.TagResult;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.TagEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class OutputGuardTest {

    private static TagResult tag(String id, int labels, int labelBytes) {
        TagResult t = new TagResult();
        t.imageId = id;
        t.vocabulary = "v";
        t.modelId = "m";
        t.provenance = new Provenance("images", 1, 42L, new byte[] {'k'}, new byte[] {1, 2, 3}, 300);
        for (int i = 0; i < labels; i++) {
            t.labels.add(new LabelScore(i + "x".repeat(labelBytes), 0.5f, 0.1f));
        }
        return t;
    }

    private static <I, O extends org.apache.avro.specific.SpecificRecord> Run<O> run(OutputGuard<I, O> guard, List<I> in)
            throws Exception {
        try (OneInputStreamOperatorTestHarness<I, O> h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(guard))) {
            h.open();
            for (I i : in) {
                h.processElement(new StreamRecord<>(i));
            }
            List<O> out = new ArrayList<>(h.extractOutputValues());
            List<DeadLetterEvent> dead = new ArrayList<>();
            if (h.getSideOutput(DeadLetters.TAG) != null) {
                h.getSideOutput(DeadLetters.TAG).forEach(r -> dead.add(r.getValue()));
            }
            return new Run<>(out, dead);
        }
    }

    private record Run<O>(List<O> out, List<DeadLetterEvent> dead) {}

    @Test
    void aResultOverTheRecordLimitIsADeadLetterWithItsOrigin() throws Exception {
        Configuration conf = new Configuration();
        conf.set(SinkOptions.MAX_RECORD_BYTES, 16 * 1024);
        // "near": its cheap bound (3 bytes a character) is over the limit, its exact size is not
        Run<TagEvent> r = run(OutputGuard.tags(conf, "tag"), List.of(tag("small", 5, 10), tag("wide", 20, 1000),
                tag("near", 10, 1000), tag("after", 5, 10)));
        assertThat(r.out()).extracting(t -> t.getImageId()).containsExactly("small", "near", "after");
        assertThat(r.dead()).hasSize(1);
        DeadLetterEvent d = r.dead().get(0);
        assertThat(d.getReason()).isEqualTo("OUTPUT_TOO_LARGE");
        assertThat(d.getStage()).isEqualTo("output");
        assertThat(d.getSourceTopic()).isEqualTo("images");
        assertThat(d.getSourceOffset()).isEqualTo(42L);
        assertThat(d.getSourceKey().get(0)).isEqualTo((byte) 'k');
        assertThat(d.getOriginalBytes().remaining()).isEqualTo(3);
        assertThat(d.getOriginalSize()).isEqualTo(300);
        assertThat(d.getMessage()).contains("image wide").contains("sink.max-record-bytes");
    }

    @Test
    void aResultThatCannotBeAnEventIsOutputFailedNotAJobFailure() throws Exception {
        MatchResult broken = new MatchResult();
        broken.captionId = "c";
        broken.modelId = "m";
        // imageId is required by the schema
        MatchResult good = new MatchResult();
        good.imageId = "i";
        good.captionId = "c";
        good.modelId = "m";
        Run<MatchEvent> r = run(OutputGuard.matches(new Configuration(), "match"), List.of(broken, good));
        assertThat(r.out()).extracting(m -> m.getImageId()).containsExactly("i");
        assertThat(r.dead()).extracting(d -> d.getReason()).containsExactly("OUTPUT_FAILED");
        assertThat(r.dead().get(0).getSourcePartition()).isEqualTo(-1);
    }
}
