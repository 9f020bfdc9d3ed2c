package io.clipstream.train;

import java.io.PrintStream;
import java.time.Duration;

/** One self-overwriting status line on stderr: step, loss, learning rate, throughput and ETA. */
final class ProgressBar {

    private static final int WIDTH = 24;

    private final PrintStream out;
    private final int total;
    private final int first;
    private final long startNanos = System.nanoTime();
    private long lastPrint;

    ProgressBar(PrintStream out, int first, int total) {
        this.out = out;
        this.first = first;
        this.total = total;
    }

    void update(int done, double loss, double lr, double scale, int batchSize) {
        long now = System.nanoTime();
        if (done < total && now - lastPrint < 250_000_000L) {
            return;
        }
        lastPrint = now;
        double seconds = (now - startNanos) / 1e9;
        int run = done - first;
        double stepsPerSecond = run / Math.max(seconds, 1e-9);
        long eta = stepsPerSecond > 0 ? (long) ((total - done) / stepsPerSecond) : 0;
        int filled = (int) ((long) WIDTH * done / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        out.printf("\rstep %d/%d [%s] loss %.4f lr %.2e scale %.1f | %.1f pairs/s | elapsed %s ETA %s ",
                done, total, bar, loss, lr, scale, stepsPerSecond * batchSize, format(seconds), format(eta));
        out.flush();
    }

    void newline() {
        out.println();
    }

    static String format(double seconds) {
        Duration d = Duration.ofSeconds((long) seconds);
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
