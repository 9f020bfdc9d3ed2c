package io.clipstream.jobs.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's CPU time, GC time and JIT compile time, sampled every 50 ms while a run goes on, so
 * that a run's steady-state window (known only afterwards, from output timestamps) can be given its
 * CPU cost, a figure other processes on a shared machine move far less than a rate, and can say
 * whether the JIT was still compiling in it.
 */
final class BenchCpu implements AutoCloseable {
    private static final long PERIOD_MS = 50;

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** HotSpot's compile time, or null where the JVM keeps none (an interpreter-only run, another VM). */
    private final CompilationMXBean jit = compileTimes();
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

    private static CompilationMXBean compileTimes() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        return bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null;
    }

    private void sample() {
        long compiling = jit != null ? jit.getTotalCompilationTime() : -1;
        long[] s = {System.currentTimeMillis(), os.getProcessCpuTime(), BenchMemory.collections()[1], compiling};
        synchronized (samples) {
            samples.add(s);
        }
    }

    /**
     * {CPU seconds, GC seconds, JIT compile seconds} of the whole process between two wall-clock
     * times (epoch ms). The compile time is HotSpot's own count, the elapsed time of each
     * compilation summed over the compiler threads (NaN where the JVM does not keep it): on a busy
     * machine it includes the time a compiler thread waited for a core, so it bounds the JIT's CPU from above.
     */
    double[] between(long fromMs, long toMs) {
        double compiling = at(fromMs, 3) < 0 ? Double.NaN : (at(toMs, 3) - at(fromMs, 3)) / 1e3;
        return new double[] {(at(toMs, 1) - at(fromMs, 1)) / 1e9, (at(toMs, 2) - at(fromMs, 2)) / 1e3, compiling};
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
