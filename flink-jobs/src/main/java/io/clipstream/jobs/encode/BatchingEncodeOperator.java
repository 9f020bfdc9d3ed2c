package io.clipstream.jobs.encode;

import ai.djl.Device;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Dynamic batching in front of the model: records collect in a batch until it holds
 * {@code maxBatchSize} records, its oldest record has waited {@code maxDelay} (or, when longer,
 * {@code maxDelayShare} of what a full batch takes the model, measured), or (with
 * {@code idleFlush} set) no record has arrived for {@code idleFlush}, then one model call encodes
 * the whole batch. Under a steady stream the batch fills; when the input pauses, what has
 * arrived need not wait out the rest of {@code maxDelay}.
 *
 * <p>The batch is never part of a checkpoint: it is encoded before every checkpoint barrier
 * ({@link #prepareSnapshotPreBarrier}), before every watermark (so no record overtakes it late) and
 * at end of input, so nothing is lost or emitted twice across a restart. A full batch is encoded
 * synchronously on the task thread, so a slow model slows the input and backpressure reaches the
 * sources instead of memory filling up. Records the model cannot take leave through
 * {@link DeadLetters#TAG}; when a whole batch fails, its records are retried one at a time so
 * that only the faulty one is refused.
 */
@Internal
public class BatchingEncodeOperator<IN, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT>, ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    private final EncoderOptions options;
    private final EncodeStep<IN, OUT> function;
    private final ModelLoader loader;

    private transient List<IN> values;
    private transient long[] timestamps;
    private transient boolean[] hasTimestamp;
    private transient long[] enqueuedMs;
    private transient long lastArrivalMs;
    private transient ScheduledFuture<?> timer;
    private transient SharedModels.Lease lease;
    private transient ClipEncoder model;
    private transient EncoderMetrics metrics;
    /** Copies inputs that the runtime may reuse once processElement returns; null without object reuse. */
    private transient TypeSerializer<IN> copier;
    /** Fastest encode time per record seen after the first batch, in milliseconds; 0 until then. */
    private transient double fastestPerRecordMs;
    private transient long batchesEncoded;

    public BatchingEncodeOperator(EncoderOptions options, EncodeStep<IN, OUT> function, ModelLoader loader) {
        this.options = Objects.requireNonNull(options, "options");
        this.function = Objects.requireNonNull(function, "function");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public void open() throws Exception {
        super.open();
        int max = options.maxBatchSize();
        values = new ArrayList<>(max);
        timestamps = new long[max];
        hasTimestamp = new boolean[max];
        enqueuedMs = new long[max];
        Device device = DeviceSelector.select(options.device(),
                getRuntimeContext().getExternalResourceInfos(DeviceSelector.GPU_RESOURCE));
        lease = SharedModels.acquire(Path.of(options.modelDir()), device, options.halfPrecision(), loader);
        model = lease.model();
        metrics = new EncoderMetrics(getMetricGroup());
        if (getExecutionConfig().isObjectReuseEnabled()) {
            copier = getOperatorConfig().getTypeSerializerIn(0, getUserCodeClassloader());
        }
    }

    @Override
    public void processElement(StreamRecord<IN> element) throws Exception {
        IN value = element.getValue();
        DeadLetterEvent refusal = function.validate(model, value);
        if (refusal != null) {
            reject(refusal, element.hasTimestamp() ? element.getTimestamp() : null);
            return;
        }
        int n = values.size();
        long now = getProcessingTimeService().getCurrentProcessingTime();
        values.add(copier == null ? value : copier.copy(value));
        hasTimestamp[n] = element.hasTimestamp();
        timestamps[n] = element.hasTimestamp() ? element.getTimestamp() : 0L;
        enqueuedMs[n] = now;
        lastArrivalMs = now;
        if (values.size() >= options.maxBatchSize() || options.maxDelayMs() == 0) {
            flush();
        } else if (n == 0) {
            timer = getProcessingTimeService().registerTimer(due(), this);
        }
    }

    /**
     * When the waiting batch is to be encoded: its delay after its oldest record, or an idle gap after the newest. The delay
     * is {@code maxDelay}, or the share of a full batch's measured encode time when that is longer.
     */
    private long due() {
        long shareMs = (long) (options.maxDelayShare() * fastestPerRecordMs * options.maxBatchSize());
        long due = enqueuedMs[0] + Math.max(options.maxDelayMs(), shareMs);
        return options.idleFlushMs() > 0 ? Math.min(due, lastArrivalMs + options.idleFlushMs()) : due;
    }

    @Override
    public void onProcessingTime(long time) throws Exception {
        timer = null;
        if (values.isEmpty()) {
            return;
        }
        // one timer per batch: a record arriving meanwhile moves the idle deadline, read here
        long due = due();
        if (time >= due) {
            flush();
        } else {
            timer = getProcessingTimeService().registerTimer(due, this);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        cancelTimer();
        if (lease != null) {
            lease.close();
            lease = null;
        }
        super.close();
    }

    /** How many records wait in the current batch. */
    public int pending() {
        return values == null ? 0 : values.size();
    }

    private void flush() {
        if (values.isEmpty()) {
            return;
        }
        cancelTimer();
        int n = values.size();
        List<IN> batch = new ArrayList<>(values);
        values.clear();
        long start = getProcessingTimeService().getCurrentProcessingTime();
        List<OUT> outputs;
        long startNanos = System.nanoTime();
        try {
            outputs = function.encode(model, batch);
        } catch (RuntimeException e) {
            LOG.warn("Batch of {} failed in {}, encoding its records one at a time", n, function.stage(), e);
            encodeOneByOne(batch, start);
            return;
        }
        long tookNanos = System.nanoTime() - startNanos;
        long tookMs = tookNanos / 1_000_000L;
        // what a full batch would take: the fastest time per record seen, times the batch size; the first batch is left out,
        // since it also pays the model's warm-up
        if (batchesEncoded++ > 0) {
            double perRecordMs = tookNanos / 1e6 / n;
            fastestPerRecordMs = fastestPerRecordMs == 0 ? perRecordMs : Math.min(fastestPerRecordMs, perRecordMs);
        }
        long encodedAt = System.currentTimeMillis();
        metrics.batch(n, Math.max(0L, start - enqueuedMs[0]), tookMs);
        for (int i = 0; i < n; i++) {
            emit(outputs.get(i), i, encodedAt, tookMs, n);
        }
        metrics.recordsEncoded.inc(n);
    }

    private void encodeOneByOne(List<IN> batch, long start) {
        metrics.queueDelayMs.update(Math.max(0L, start - enqueuedMs[0]));
        for (int i = 0; i < batch.size(); i++) {
            IN value = batch.get(i);
            long startNanos = System.nanoTime();
            try {
                OUT out = function.encode(model, List.of(value)).get(0);
                long tookMs = (System.nanoTime() - startNanos) / 1_000_000L;
                metrics.batchSize.update(1);
                metrics.encodeTimeMs.update(tookMs);
                emit(out, i, System.currentTimeMillis(), tookMs, 1);
                metrics.recordsEncoded.inc();
            } catch (RuntimeException e) {
                reject(function.failed(value, e), hasTimestamp[i] ? timestamps[i] : null);
            }
        }
    }

    private void emit(OUT out, int index, long encodedAt, long tookMs, int batchSize) {
        Timings t = function.timings(out);
        if (t != null) {
            t.enqueuedMs = enqueuedMs[index];
            t.encodedMs = encodedAt;
            t.encodeDurationMs = tookMs;
            t.batchSize = batchSize;
        }
        output.collect(hasTimestamp[index] ? new StreamRecord<>(out, timestamps[index]) : new StreamRecord<>(out));
    }

    private void reject(DeadLetterEvent refusal, Long timestamp) {
        metrics.recordsRejected.inc();
        output.collect(DeadLetters.TAG,
                timestamp == null ? new StreamRecord<>(refusal) : new StreamRecord<>(refusal, timestamp));
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
