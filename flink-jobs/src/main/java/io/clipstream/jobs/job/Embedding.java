package io.clipstream.jobs.job;

import io.clipstream.jobs.embed.Embeddings;
import io.clipstream.jobs.record.EncodedCaption;
import io.clipstream.jobs.record.EncodedImage;
import io.clipstream.schemas.EmbeddingEvent;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The embeddings output, shared by the embed job and the {@code --emit-embeddings} of the others. */
final class Embedding {
    private Embedding() {}

    static void sink(DataStream<EncodedImage> images, DataStream<EncodedCaption> captions, Sink<EmbeddingEvent> sink) {
        DataStream<EmbeddingEvent> all = images.map(Embeddings::of).returns(new AvroTypeInfo<>(EmbeddingEvent.class))
                .name("embeddings-images").uid("embeddings-images");
        if (captions != null) {
            all = all.union(captions.map(Embeddings::of).returns(new AvroTypeInfo<>(EmbeddingEvent.class))
                    .name("embeddings-captions").uid("embeddings-captions"));
        }
        all.sinkTo(sink).name("sink-embeddings").uid("sink-embeddings");
    }
}
