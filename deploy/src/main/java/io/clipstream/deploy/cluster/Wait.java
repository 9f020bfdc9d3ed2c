package io.clipstream.deploy.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds; failures while polling count as "not yet". */
public final class Wait {
    private Wait() {}

    /** Polls {@code condition} every 250 ms until it returns true, or throws after {@code timeout}. */
    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        IllegalStateException failure = new IllegalStateException("timed out after " + timeout + " waiting for " + what);
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }
}
