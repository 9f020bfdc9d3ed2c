package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.event.HandOffTypeInfo;
import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.fetch.FetchOptions;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.wire.EventCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way in to the image stage, for Flink's async I/O operator (unordered): an inline image is
 * completed at once, on the task thread, without bytes of its own (the preparer reads them from
 * the event); an image given by reference is fetched on a pool of as many threads as the
 * operator's capacity, so a slow URL holds one slot and one thread and delays only itself, and the
 * task thread never blocks on the network. Every outcome completes the result: the bytes, or a
 * dead letter (refused, failed, timed out) with the record's provenance, never an exception that
 * would fail the job. The operator checkpoints the records in flight, so a restart fetches them
 * again (and passes on again an inline image that was completed but not yet emitted).
 *
 * <p>Both kinds going through one single-input operator lets Flink chain the whole stage, so an
 * inline image reaches the decoder and the encoder without crossing a serialized channel.
 */
@Internal
public final class ImageFetchFunction extends RichAsyncFunction<Decoded<ImageEvent>, FetchedImage>
        implements ResultTypeQueryable<FetchedImage> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ImageFetchFunction.class);

    private final ImageFetch fetch;
    private final int threads;
    private final Duration timeout;
    private final int maxOriginalBytes;
    private transient ExecutorService pool;
    private transient EventCodec<ImageEvent> codec;

    /**
     * @param threads fetches run at once: the operator's capacity
     * @param timeout the operator's timeout, reported in the dead letter of a fetch that passes it
     */
    public ImageFetchFunction(ImageFetch fetch, int threads, Duration timeout, int maxOriginalBytes) {
        this.fetch = fetch;
        this.threads = threads;
        this.timeout = timeout;
        this.maxOriginalBytes = maxOriginalBytes;
    }

    @Override
    public void open(OpenContext context) {
        codec = EventCodec.of(ImageEvent.class);
        AtomicInteger n = new AtomicInteger();
        String name = "image-fetch-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "-";
        ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + n.incrementAndGet());
            t.setDaemon(true);
            // a process-wide handler may end the JVM on an uncaught exception: none escapes a fetch
            t.setUncaughtExceptionHandler((thread, e) -> LOG.warn("image fetch thread {} failed", thread.getName(), e));
            return t;
        });
        p.allowCoreThreadTimeOut(true);
        pool = p;
    }

    @Override
    public void asyncInvoke(Decoded<ImageEvent> in, ResultFuture<FetchedImage> result) {
        if (in.event.getImage() instanceof InlineImage) {
            result.complete(List.of(FetchedImage.inline(in)));
            return;
        }
        String reference = ((ImageReference) in.event.getImage()).getUri().toString();
        try {
            pool.execute(() -> {
                FetchedImage fetched = fetchOne(in, reference);
                try {
                    result.complete(List.of(fetched));
                } catch (RuntimeException e) {
                    // the operator closed meanwhile (stop, failover): the record is in its
                    // checkpoint and is fetched again after the restore
                    LOG.debug("fetch of {} finished after the operator closed", in.event.getImageId());
                }
            });
        } catch (RejectedExecutionException e) {
            // only while the operator closes; the record is in the checkpoint and is fetched again
            result.completeExceptionally(e);
        }
    }

    private FetchedImage fetchOne(Decoded<ImageEvent> in, String reference) {
        try {
            return FetchedImage.fetched(in, fetch.fetch(reference));
        } catch (ImageRejectedException e) {
            return refused(in, ImageDeadLetters.reasonOf(e.reason()), e.getMessage());
        } catch (RuntimeException | Error e) {
            // a custom ImageFetch may throw anything: the record fails, the job does not
            return refused(in, DeadLetterReason.FETCH_FAILED, "fetch failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public void timeout(Decoded<ImageEvent> in, ResultFuture<FetchedImage> result) {
        result.complete(List.of(refused(in, DeadLetterReason.FETCH_TIMEOUT, "no image within "
                + timeout.toMillis() + " ms (" + FetchOptions.TIMEOUT_KEY + ")")));
    }

    private FetchedImage refused(Decoded<ImageEvent> in, DeadLetterReason reason, String message) {
        return FetchedImage.refused(in, ImageDeadLetters.of(in, reason, message, codec, maxOriginalBytes));
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        fetch.close();
    }

    @Override
    public TypeInformation<FetchedImage> getProducedType() {
        // a result is created for its one output and never touched again: handed off, not copied
        return new HandOffTypeInfo<>(FetchedImage.typeInfo());
    }
}
