package io.clipstream.jobs.job;

import io.clipstream.jobs.deadletter.DeadLetterCounter;
import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.deadletter.RejectedToDeadLetter;
import io.clipstream.jobs.record.Rejected;
import io.clipstream.schemas.DeadLetterEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Collects the dead letters of every stage of a job and writes them to one sink. */
final class DeadLetterStreams {
    private final List<DataStream<DeadLetterEvent>> streams = new ArrayList<>();
    private final Configuration conf;

    DeadLetterStreams(Configuration conf) {
        this.conf = conf;
    }

    void add(DataStream<DeadLetterEvent> s) {
        streams.add(s);
    }

    void addRejected(DataStream<Rejected> rejected, String stage) {
        streams.add(rejected.map(new RejectedToDeadLetter(conf.get(DeadLetterOptions.MAX_ORIGINAL_BYTES)))
                .returns(new AvroTypeInfo<>(DeadLetterEvent.class))
                .name("dead-letters-" + stage).uid("dead-letters-" + stage));
    }

    void sinkTo(Sink<DeadLetterEvent> sink) {
        DataStream<DeadLetterEvent> all = streams.get(0);
        for (int i = 1; i < streams.size(); i++) {
            all = all.union(streams.get(i));
        }
        all.map(new DeadLetterCounter()).returns(new AvroTypeInfo<>(DeadLetterEvent.class))
                .name("count-dead-letters").uid("count-dead-letters")
                .sinkTo(sink).name("sink-dead-letters").uid("sink-dead-letters");
    }
}
