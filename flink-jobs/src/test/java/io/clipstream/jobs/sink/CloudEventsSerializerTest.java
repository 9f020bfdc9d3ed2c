package io.clipstream.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.Modality;
import io.clipstream.schemas.wire.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class CloudEventsSerializerTest {

    @Test
    void writesTheValueAndTheCloudEventsBinaryHeaders() throws Exception {
        CloudEventsSerializer<EmbeddingEvent> s = new CloudEventsSerializer<>(EmbeddingEvent.class, "emb",
                "io.clipstream.embedding.v1", "/clipstream/embed", e -> e.getSourceId().toString());
        EmbeddingEvent e = EmbeddingEvent.newBuilder().setSourceId("img-1").setModality(Modality.IMAGE)
                .setVector(List.of(0.6f, 0.8f)).setDimension(2).setModelId("m").build();
        ProducerRecord<byte[], byte[]> r = s.serialize(e, null, null);
        assertThat(r.topic()).isEqualTo("emb");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("img-1");
        assertThat(EventCodec.of(EmbeddingEvent.class).decode(r.value())).isEqualTo(e);
        assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(r, "ce_type")).isEqualTo("io.clipstream.embedding.v1");
        assertThat(header(r, "ce_source")).isEqualTo("/clipstream/embed");
        assertThat(header(r, "content-type")).isEqualTo("application/avro");
        assertThat(header(r, "ce_time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        // the same event always gets the same id, so a consumer can drop a redelivered copy
        assertThat(header(r, "ce_id")).isEqualTo(header(s.serialize(e, null, null), "ce_id"));
        // and it is the name-based UUID of the value, as docs/wire-format.md says
        assertThat(header(r, "ce_id")).isEqualTo(java.util.UUID.nameUUIDFromBytes(r.value()).toString());
        assertThat(header(r, "ce_dataschema")).isEqualTo(String.format("urn:avro:%s:%016x",
                EmbeddingEvent.getClassSchema().getFullName(), EventCodec.of(EmbeddingEvent.class).fingerprint()));
    }

    @Test
    void contentIdsAreTheNameBasedUuidsOfAnyBytes() {
        java.util.Random random = new java.util.Random(3);
        for (int n = 0; n < 300; n++) {
            byte[] value = new byte[random.nextInt(3000)];
            random.nextBytes(value);
            assertThat(ContentIds.nameUuid(value)).isEqualTo(java.util.UUID.nameUUIDFromBytes(value).toString());
        }
    }

    @Test
    void embeddingEventsKeepTheirVectorThroughTheSink() throws Exception {
        io.clipstream.jobs.event.EncodedImage image = new io.clipstream.jobs.event.EncodedImage();
        image.id = "img-2";
        image.vector = new float[] {0.28f, -0.96f, Float.MIN_VALUE};
        image.modelId = "m";
        EmbeddingEvent e = io.clipstream.jobs.embed.Embeddings.of(image);
        CloudEventsSerializer<EmbeddingEvent> s = ClipSinks.embeddingSerializer(new org.apache.flink.configuration.Configuration(), "embed");
        EmbeddingEvent back = EventCodec.of(EmbeddingEvent.class).decode(s.serialize(e, null, null).value());
        assertThat(back.getVector()).containsExactly(0.28f, -0.96f, Float.MIN_VALUE);
        assertThat(back).isEqualTo(e);
        assertThat(s.maxSizeOf(e)).isGreaterThanOrEqualTo(s.sizeOf(e));
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
