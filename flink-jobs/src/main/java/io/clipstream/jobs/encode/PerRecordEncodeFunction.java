package io.clipstream.jobs.encode;

import ai.djl.Device;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The obvious design the batching encoder is measured against: one model call per record, inside
 * a plain function. It shares the model like the batching encoder does, so that a benchmark
 * compares batching only. Refused records leave through {@link DeadLetters#TAG} (a process
 * function rather than a map function, for that side output).
 *
 * <pre>{@code
 * images.process(new PerRecordEncodeFunction<>(options, EncodeStep.images(), ModelLoader.clipModel()),
 *         TypeInformation.of(EncodedImage.class)).uid("encode-images-per-record");
 * }</pre>
 */
@Internal
public class PerRecordEncodeFunction<IN, OUT> extends ProcessFunction<IN, OUT> {

    private static final long serialVersionUID = 1L;

    private final EncoderOptions options;
    private final EncodeStep<IN, OUT> function;
    private final ModelLoader loader;
    private transient SharedModels.Lease lease;
    private transient ClipEncoder model;

    public PerRecordEncodeFunction(EncoderOptions options, EncodeStep<IN, OUT> function, ModelLoader loader) {
        this.options = Objects.requireNonNull(options, "options");
        this.function = Objects.requireNonNull(function, "function");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public void open(OpenContext context) throws Exception {
        Device device = DeviceSelector.select(options.device(),
                getRuntimeContext().getExternalResourceInfos(DeviceSelector.GPU_RESOURCE));
        lease = SharedModels.acquire(Path.of(options.modelDir()), device, options.halfPrecision(), loader);
        model = lease.model();
    }

    @Override
    public void processElement(IN value, Context ctx, Collector<OUT> out) {
        DeadLetterEvent refusal = function.validate(model, value);
        if (refusal != null) {
            ctx.output(DeadLetters.TAG, refusal);
            return;
        }
        long enqueued = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        OUT encoded;
        try {
            encoded = function.encode(model, List.of(value)).get(0);
        } catch (RuntimeException e) {
            ctx.output(DeadLetters.TAG, function.failed(value, e));
            return;
        }
        Timings t = function.timings(encoded);
        if (t != null) {
            t.enqueuedMs = enqueued;
            t.encodedMs = System.currentTimeMillis();
            t.encodeDurationMs = (System.nanoTime() - startNanos) / 1_000_000L;
            t.batchSize = 1;
        }
        out.collect(encoded);
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.close();
            lease = null;
        }
    }
}
