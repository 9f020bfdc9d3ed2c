package io.clipstream.jobs.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's CPU time and GC time, sampled every 50 ms while a run goes on, so that a run's
 * steady-state window (known only afterwards, from output timestamps) can be given its CPU cost:
 * a figure other processes on a shared machine move far less than a rate.
 */
final class BenchCpu implements AutoCloseable {
    private static final long PERIOD_MS = 50;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<long[]> samples = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    BenchCpu() {
        sample();
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        long[] s = {System.currentTimeMillis(), os.getProcessCpuTime(), BenchMemory.collections()[1]};
        synchronized (samples) {
            samples.add(s);
        }
    }

    /** {CPU seconds, GC seconds} of the whole process between two wall-clock times (epoch ms). */
    double[] between(long fromMs, long toMs) {
        return new double[] {(at(toMs, 1) - at(fromMs, 1)) / 1e9, (at(toMs, 2) - at(fromMs, 2)) / 1e3};
    }

    /** Column {@code column} at {@code ms}, interpolated between the samples around it. */
    private double at(long ms, int column) {
        synchronized (samples) {
            long[] before = samples.get(0);
            for (long[] s : samples) {
                if (s[0] >= ms) {
                    if (s[0] == before[0]) {
                        return s[column];
                    }
                    double f = (double) (ms - before[0]) / (s[0] - before[0]);
                    return before[column] + f * (s[column] - before[column]);
                }
                before = s;
            }
            return before[column];
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        sample();
    }
}
