package io.clipstream.preprocess.fetch;

import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a byte limit. A declared {@code Content-Length} over the limit,
 * or a body of an error status, is refused before any byte is read; a body that only turns out too
 * large while streaming is cancelled at the first chunk past the limit.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private static final int ERROR_BODY_BYTES = 0;

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long limit;
    private final ByteArrayOutputStream buffer;
    private volatile Flow.Subscription subscription;
    private long received;

    BoundedBodySubscriber(HttpResponse.ResponseInfo info, long maxBytes) {
        boolean success = info.statusCode() >= 200 && info.statusCode() < 300;
        // the body of an error page is of no use: keep none of it
        this.limit = success ? maxBytes : ERROR_BODY_BYTES;
        OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
        if (success && declared.isPresent() && declared.getAsLong() > maxBytes) {
            result.completeExceptionally(new ImageRejectedException(Reason.TOO_LARGE_BYTES,
                    "server declares " + declared.getAsLong() + " bytes, more than the limit of " + maxBytes));
        }
        // sized by the declared length, but never more than 1 MiB up front: the header may lie
        long initial = result.isDone() ? 0 : Math.min(Math.min(limit, declared.orElse(64 * 1024)), 1 << 20);
        this.buffer = new ByteArrayOutputStream((int) Math.max(initial, 0));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone() || limit == 0) {
            s.cancel();
            result.complete(new byte[0]);
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            received += b.remaining();
            if (received > limit) {
                subscription.cancel();
                result.completeExceptionally(new ImageRejectedException(Reason.TOO_LARGE_BYTES,
                        "body passed the limit of " + limit + " bytes while streaming; fetch cancelled"));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    /** Stops the transfer, for a caller whose deadline passed. */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        result.cancel(false);
    }
}
