package io.clipstream.jobs.embed;

import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.Modality;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.flink.annotation.PublicEvolving;

/** Turns encoded records into embedding events. */
@PublicEvolving
public final class Embeddings {
    private static final Schema VECTOR = EmbeddingEvent.getClassSchema().getField("vector").schema();

    private Embeddings() {}

    public static EmbeddingEvent of(EncodedImage image) {
        return event(image.id, image.key, Modality.IMAGE, image.vector, image.modelId);
    }

    public static EmbeddingEvent of(EncodedCaption caption) {
        return event(caption.id, caption.key, Modality.TEXT, caption.vector, caption.modelId);
    }

    static EmbeddingEvent event(String id, String key, Modality modality, float[] vector, String modelId) {
        // floats kept unboxed (Avro's primitive array), the list Avro writes from
        PrimitivesArrays.FloatArray values = new PrimitivesArrays.FloatArray(vector.length, VECTOR);
        for (float v : vector) {
            values.add(v);
        }
        return EmbeddingEvent.newBuilder().setSourceId(id).setKey(key).setModality(modality)
                .setVector(values).setDimension(vector.length).setModelId(modelId == null ? "" : modelId).build();
    }
}
