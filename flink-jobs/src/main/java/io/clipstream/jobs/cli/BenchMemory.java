package io.clipstream.jobs.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory and heap, printed by the benchmarks at start and end, and the
 * garbage collections of a phase.
 */
final class BenchMemory {
    private BenchMemory() {}

    /** {@code VmRSS} of this process (native and heap together) and the heap in use, as text. */
    static String rss() {
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        long kb = rssKb();
        return (kb < 0 ? "unknown" : kb + " kB") + " (heap in use " + heapMb + " MB)";
    }

    /** {@code VmRSS} of this process in kB, or -1 where {@code /proc} is not there (not Linux). */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    /** {collections, milliseconds spent in them} of every collector so far. */
    static long[] collections() {
        long count = 0;
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, ms};
    }
}
