package io.clipstream.jobs.encode;

import ai.djl.Device;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipEncoder;
import io.clipstream.schemas.DeadLetterEvent;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.YieldingOperator;
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
 * <p>With {@code inFlightBatches} above 0 (unless set: on a GPU) the model call runs on the operator's own
 * model thread: while it encodes, the task thread goes on reading, decoding and batching, and the
 * next batch goes to the model as soon as the model is free and the batch is full or due. At most
 * {@code inFlightBatches} batches are with the model; beyond that the task thread waits, so a slow
 * model slows the input and backpressure reaches the sources instead of memory filling up. Outputs
 * are emitted on the task thread through the mailbox, in input order. With 0 (unless set: on the
 * CPU, where the model takes the cores the task thread would decode on) the task thread encodes
 * each batch itself.
 *
 * <p>No batch is part of a checkpoint: every waiting batch is encoded and emitted before every
 * checkpoint barrier ({@link #prepareSnapshotPreBarrier}) and at end of input, so nothing is lost
 * or emitted twice across a restart; a watermark leaves after the outputs of every record that
 * came before it. Records the model cannot take leave through {@link DeadLetters#TAG}; when a
 * whole batch fails, its records are retried one at a time so that only the faulty one is refused.
 */
@Internal
public class BatchingEncodeOperator<IN, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT>, ProcessingTimeCallback, YieldingOperator<OUT> {

    private static final long serialVersionUID = 1L;
    /** How long closing waits for a model call still running (a cancelled job) before it gives up on the model. */
    private static final long CLOSE_WAIT_SECONDS = 60;

    private final EncoderOptions options;
    private final EncodeStep<IN, OUT> function;
    private final ModelLoader loader;

    private transient PendingBatch<IN> forming;
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
    private transient MailboxExecutor mailbox;
    /** The model thread; null when the task thread encodes. */
    private transient ExecutorService modelThread;
    /** Batches with the model thread, oldest first; only the task thread touches it. */
    private transient ArrayDeque<PendingBatch<IN>> withModel;
    /** Batches the model thread may hold; 0 when the task thread encodes. */
    private transient int inFlightBatches;
    /** What the model thread failed with, once it has; the task fails with it. */
    private transient volatile Throwable modelFailure;

    public BatchingEncodeOperator(EncoderOptions options, EncodeStep<IN, OUT> function, ModelLoader loader) {
        this.options = Objects.requireNonNull(options, "options");
        this.function = Objects.requireNonNull(function, "function");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public void setMailboxExecutor(MailboxExecutor mailboxExecutor) {
        this.mailbox = mailboxExecutor;
    }

    @Override
    public void open() throws Exception {
        super.open();
        forming = new PendingBatch<>(options.maxBatchSize());
        withModel = new ArrayDeque<>();
        Device device = DeviceSelector.select(options.device(),
                getRuntimeContext().getExternalResourceInfos(DeviceSelector.GPU_RESOURCE));
        lease = SharedModels.acquire(Path.of(options.modelDir()), device, options.halfPrecision(), loader);
        model = lease.model();
        metrics = new EncoderMetrics(getMetricGroup());
        if (getExecutionConfig().isObjectReuseEnabled()) {
            copier = getOperatorConfig().getTypeSerializerIn(0, getUserCodeClassloader());
        }
        inFlightBatches = options.inFlightBatches(model.onAccelerator());
        if (inFlightBatches > 0) {
            if (mailbox == null) {
                // built by a factory that does not hand operators their mailbox: take it from the task
                mailbox = getContainingTask().getMailboxExecutorFactory().createExecutor(getOperatorConfig().getChainIndex());
            }
            String name = function.stage() + "-model-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
            LOG.info("{}: model calls on thread {}, at most {} batch(es) in flight", function.stage(), name, inFlightBatches);
            modelThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
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
        long now = getProcessingTimeService().getCurrentProcessingTime();
        forming.add(copier == null ? value : copier.copy(value), element, now);
        lastArrivalMs = now;
        if (forming.size() >= options.maxBatchSize() || options.maxDelayMs() == 0) {
            dispatch();
        } else if (forming.size() == 1) {
            timer = getProcessingTimeService().registerTimer(due(), this);
        }
    }

    /**
     * When the waiting batch is to be encoded: its delay after its oldest record, or an idle gap after the newest. The delay
     * is {@code maxDelay}, or the share of a full batch's measured encode time when that is longer.
     */
    private long due() {
        long shareMs = (long) (options.maxDelayShare() * fastestPerRecordMs * options.maxBatchSize());
        long due = forming.enqueuedMs(0) + Math.max(options.maxDelayMs(), shareMs);
        return options.idleFlushMs() > 0 ? Math.min(due, lastArrivalMs + options.idleFlushMs()) : due;
    }

    @Override
    public void onProcessingTime(long time) throws Exception {
        timer = null;
        if (forming.isEmpty()) {
            return;
        }
        // one timer per batch: a record arriving meanwhile moves the idle deadline, read here
        long due = due();
        if (time < due) {
            timer = getProcessingTimeService().registerTimer(due, this);
        } else if (!modelBusy()) {
            dispatch();
        }
        // else the batch is due while the model is busy: it goes as soon as the model hands back (completed)
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        dispatch();
        if (withModel == null || withModel.isEmpty()) {
            super.processWatermark(mark);
        } else {
            withModel.peekLast().emitAfter(mark);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        drain();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        drain();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        cancelTimer();
        boolean modelIdle = true;
        if (modelThread != null) {
            // only a failing or cancelled task gets here with batches in flight: they are dropped, the input is replayed
            modelThread.shutdownNow();
            modelIdle = modelThread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            modelThread = null;
        }
        if (lease != null) {
            if (modelIdle) {
                lease.close();
            } else {
                LOG.error("{}: a model call still runs after {} s; the model is left open rather than freed under it",
                        function.stage(), CLOSE_WAIT_SECONDS);
            }
            lease = null;
        }
        super.close();
    }

    /** How many records wait in the current batch, not yet with the model. */
    public int pending() {
        return forming == null ? 0 : forming.size();
    }

    /** How many batches are with the model thread. */
    public int inFlight() {
        return withModel == null ? 0 : withModel.size();
    }

    private boolean modelBusy() {
        return modelThread != null && withModel.size() >= inFlightBatches;
    }

    /** Encodes and emits every record received so far, waiting for the model thread. */
    private void drain() throws InterruptedException {
        dispatch();
        while (!withModel.isEmpty()) {
            awaitModel();
        }
    }

    /** Hands the waiting batch to the model: to its thread (waiting while it holds its limit), or encoded here. */
    private void dispatch() throws InterruptedException {
        cancelTimer();
        while (modelBusy() && !forming.isEmpty()) {
            awaitModel();
        }
        if (forming.isEmpty()) {
            return;
        }
        PendingBatch<IN> batch = forming;
        forming = new PendingBatch<>(options.maxBatchSize());
        long start = getProcessingTimeService().getCurrentProcessingTime();
        metrics.queueDelayMs.update(Math.max(0L, start - batch.enqueuedMs(0)));
        if (modelThread == null) {
            emit(batch, EncodedBatch.encode(function, model, batch.values()));
            return;
        }
        withModel.addLast(batch);
        modelThread.execute(() -> encodeOnModelThread(batch));
    }

    /** Runs the task's mails until the next one; a model thread that failed ends the wait, as no batch comes back. */
    private void awaitModel() throws InterruptedException {
        if (modelFailure != null) {
            throw new IllegalStateException(function.stage() + "'s model thread failed", modelFailure);
        }
        mailbox.yield();
    }

    private void encodeOnModelThread(PendingBatch<IN> batch) {
        try {
            EncodedBatch<OUT> encoded = EncodedBatch.encode(function, model, batch.values());
            mailbox.execute(() -> completed(batch, encoded), "emit an encoded batch of %d", batch.size());
        } catch (RejectedExecutionException closing) {
            LOG.debug("{}: the task is closing, an encoded batch of {} is dropped", function.stage(), batch.size());
        } catch (Throwable error) {
            modelFailure = error;
            try {
                mailbox.execute(() -> {
                    throw new IllegalStateException(function.stage() + "'s model thread failed", error);
                }, "fail the task");
            } catch (RejectedExecutionException closing) {
                LOG.debug("{}: the task is closing", function.stage(), error);
            }
        }
    }

    /** On the task thread: the model thread handed {@code batch} back. */
    private void completed(PendingBatch<IN> batch, EncodedBatch<OUT> encoded) throws Exception {
        PendingBatch<IN> oldest = withModel.pollFirst();
        if (oldest != batch) {
            throw new IllegalStateException(function.stage() + ": batches came back from the model out of order");
        }
        emit(batch, encoded);
        for (Watermark mark : batch.watermarksAfter()) {
            super.processWatermark(mark);
        }
        if (forming.isEmpty()) {
            return;
        }
        long due = due();
        if (forming.size() >= options.maxBatchSize() || getProcessingTimeService().getCurrentProcessingTime() >= due) {
            dispatch();
        } else if (timer == null) {
            // its timer found the model busy earlier, and the batch's deadline moved since (a later record, idle flush)
            timer = getProcessingTimeService().registerTimer(due, this);
        }
    }

    private void emit(PendingBatch<IN> batch, EncodedBatch<OUT> encoded) {
        int n = batch.size();
        long encodedAt = System.currentTimeMillis();
        if (encoded.oneByOne()) {
            for (int i = 0; i < n; i++) {
                DeadLetterEvent refusal = encoded.refusal(i);
                if (refusal != null) {
                    reject(refusal, batch.timestamp(i));
                    continue;
                }
                metrics.modelCall(1, encoded.tookNanos(i));
                emit(batch, i, encoded.output(i), encodedAt, encoded.tookNanos(i) / 1_000_000L, 1);
            }
            return;
        }
        long tookNanos = encoded.tookNanos(0);
        long tookMs = tookNanos / 1_000_000L;
        // what a full batch would take: the fastest time per record seen, times the batch size; the first batch is left out,
        // since it also pays the model's warm-up
        if (batchesEncoded++ > 0) {
            double perRecordMs = tookNanos / 1e6 / n;
            fastestPerRecordMs = fastestPerRecordMs == 0 ? perRecordMs : Math.min(fastestPerRecordMs, perRecordMs);
        }
        metrics.modelCall(n, tookNanos);
        for (int i = 0; i < n; i++) {
            emit(batch, i, encoded.output(i), encodedAt, tookMs, n);
        }
    }

    private void emit(PendingBatch<IN> batch, int index, OUT out, long encodedAt, long tookMs, int batchSize) {
        Timings t = function.timings(out);
        if (t != null) {
            t.enqueuedMs = batch.enqueuedMs(index);
            t.encodedMs = encodedAt;
            t.encodeDurationMs = tookMs;
            t.batchSize = batchSize;
        }
        output.collect(batch.record(index, out));
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
