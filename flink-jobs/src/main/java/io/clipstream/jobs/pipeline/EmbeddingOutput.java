package io.clipstream.jobs.pipeline;

import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.sink.OutputGuard;
import io.clipstream.schemas.EmbeddingEvent;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The embeddings output, shared by the embed job and the {@code --emit-embeddings} of the others. */
final class EmbeddingOutput {
    private EmbeddingOutput() {}

    static void sink(DataStream<EncodedImage> images, DataStream<EncodedCaption> captions, Sink<EmbeddingEvent> sink,
            Configuration conf, String job, DeadLetterStreams dead) {
        SingleOutputStreamOperator<EmbeddingEvent> ofImages = images
                .process(OutputGuard.imageEmbeddings(conf, job), new AvroTypeInfo<>(EmbeddingEvent.class))
                .name("embeddings-images").uid("embeddings-images");
        dead.add(ofImages.getSideOutput(DeadLetters.TAG));
        DataStream<EmbeddingEvent> all = ofImages;
        if (captions != null) {
            SingleOutputStreamOperator<EmbeddingEvent> ofCaptions = captions
                    .process(OutputGuard.captionEmbeddings(conf, job), new AvroTypeInfo<>(EmbeddingEvent.class))
                    .name("embeddings-captions").uid("embeddings-captions");
            dead.add(ofCaptions.getSideOutput(DeadLetters.TAG));
            all = all.union(ofCaptions);
        }
        all.sinkTo(sink).name("sink-embeddings").uid("sink-embeddings");
    }
}
