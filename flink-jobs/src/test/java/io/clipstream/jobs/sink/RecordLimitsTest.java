package io.clipstream.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.wire.EventCodec;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RecordLimitsTest {

    @Test
    void theDefaultsFitKafkasDefaultTopicLimit() {
        Configuration conf = new Configuration();
        assertThat(RecordLimits.maxRequestSize(conf)).isEqualTo(1024 * 1024).isLessThanOrEqualTo(1_048_588);
        RecordLimits.checkDeadLetterBudget(conf, "/clipstream/match");
    }

    @Test
    void aDeadLetterCapLargerThanTheRecordLimitIsRefused() {
        Configuration conf = new Configuration();
        conf.set(DeadLetterOptions.MAX_ORIGINAL_BYTES, 2 * 1024 * 1024);
        assertThatThrownBy(() -> ClipSinks.deadLetters(conf, "match")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dead-letters.max-original-bytes").hasMessageContaining("sink.max-record-bytes");
    }

    @Test
    void theDeadLetterSinkCutsAnyDeadLetterToFitAndKeepsTheKeyBytes() throws Exception {
        Configuration conf = new Configuration();
        conf.set(SinkOptions.MAX_RECORD_BYTES, 20_000);
        CloudEventsSerializer<DeadLetterEvent> s = ClipSinks.deadLetterSerializer(conf, "embed");
        byte[] key = {(byte) 0xFF, 0x00, (byte) 0x80, 'k'};
        // built without the usual caps: a megabyte of original bytes
        DeadLetterEvent huge = DeadLetters.of("images", 0, 5L, key, 1024, Stage.VALIDATE, DeadLetterReason.FIELD_TOO_LARGE,
                "x".repeat(1500), new byte[1_000_000], 1_000_000, Integer.MAX_VALUE);
        ProducerRecord<byte[], byte[]> r = s.serialize(huge, null, null);
        assertThat(RecordLimits.sizeOf(r)).isLessThanOrEqualTo(20_000);
        assertThat(r.key()).containsExactly(key);
        DeadLetterEvent back = EventCodec.of(DeadLetterEvent.class).decode(r.value());
        assertThat(back.getOriginalSize()).isEqualTo(1_000_000);
        assertThat(back.getOriginalBytes().remaining()).isPositive().isLessThan(20_000);
        assertThat(back.getReason()).isEqualTo("FIELD_TOO_LARGE");
        assertThat(back.getSourceOffset()).isEqualTo(5L);
    }

    @Test
    void theCheapBoundIsNeverBelowTheExactSize() {
        Configuration conf = new Configuration();
        CloudEventsSerializer<io.clipstream.schemas.TagEvent> tags = ClipSinks.tagSerializer(conf, "tag");
        CloudEventsSerializer<io.clipstream.schemas.EmbeddingEvent> embeddings = ClipSinks.embeddingSerializer(conf, "embed");
        java.util.List<io.clipstream.schemas.LabelScore> labels = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            labels.add(new io.clipstream.schemas.LabelScore("label \u732B\uD83D\uDE00 " + "x".repeat(i * 7), 0.5f, 0.25f));
            io.clipstream.schemas.TagEvent t = io.clipstream.schemas.TagEvent.newBuilder().setImageId("img-" + i)
                    .setKey(i % 2 == 0 ? null : "k" + i).setVocabulary("v").setLabels(labels).setModelId("m").build();
            assertThat(tags.maxSizeOf(t)).isGreaterThanOrEqualTo(tags.sizeOf(t)).isLessThan(4L * tags.sizeOf(t));
        }
        java.util.List<Float> vector = new java.util.ArrayList<>();
        for (int i = 0; i < 512; i++) {
            vector.add((float) Math.sin(i));
        }
        io.clipstream.schemas.EmbeddingEvent e = io.clipstream.schemas.EmbeddingEvent.newBuilder().setSourceId("c-1")
                .setModality(io.clipstream.schemas.Modality.TEXT).setVector(vector).setDimension(512).setModelId("m").build();
        assertThat(embeddings.maxSizeOf(e)).isGreaterThanOrEqualTo(embeddings.sizeOf(e))
                .isLessThan(embeddings.sizeOf(e) + 200);
    }
}
