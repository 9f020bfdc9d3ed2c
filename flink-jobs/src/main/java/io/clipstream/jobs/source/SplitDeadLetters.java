package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetters;
import org.apache.flink.annotation.Internal;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Sends refused records to the {@link DeadLetters#TAG} side output and passes the rest on. */
@Internal
public final class SplitDeadLetters<T> extends ProcessFunction<Decoded<T>, Decoded<T>> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Decoded<T> in, Context ctx, Collector<Decoded<T>> out) {
        if (in.isDeadLetter()) {
            ctx.output(DeadLetters.TAG, in.deadLetter);
        } else {
            out.collect(in);
        }
    }
}
