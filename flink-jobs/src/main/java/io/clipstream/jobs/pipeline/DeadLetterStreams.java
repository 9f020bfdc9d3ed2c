package io.clipstream.jobs.pipeline;

import io.clipstream.jobs.deadletter.DeadLetterCounter;
import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.schemas.DeadLetterEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Collects the dead letters of every stage of a job (each operator's {@link DeadLetters#TAG} side
 * output) and writes them to one sink.
 */
final class DeadLetterStreams {
    private final List<DataStream<DeadLetterEvent>> streams = new ArrayList<>();
    private final Configuration conf;

    DeadLetterStreams(Configuration conf) {
        this.conf = conf;
    }

    void add(DataStream<DeadLetterEvent> s) {
        streams.add(s);
    }

    /** The union of every stage's dead letters, original bytes cut to the cap, counted and written to {@code sink}. */
    void sinkTo(Sink<DeadLetterEvent> sink) {
        DataStream<DeadLetterEvent> all = streams.get(0);
        for (int i = 1; i < streams.size(); i++) {
            all = all.union(streams.get(i));
        }
        int cap = conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES);
        all.map(d -> DeadLetters.capOriginal(d, cap)).returns(new AvroTypeInfo<>(DeadLetterEvent.class))
                .name("cap-dead-letters").uid("cap-dead-letters")
                .map(new DeadLetterCounter()).returns(new AvroTypeInfo<>(DeadLetterEvent.class))
                .name("count-dead-letters").uid("count-dead-letters")
                .sinkTo(sink).name("sink-dead-letters").uid("sink-dead-letters");
    }
}
