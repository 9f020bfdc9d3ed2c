package io.clipstream.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory and heap, printed by the benchmarks at start and end. */
final class BenchMemory {
    private BenchMemory() {}

    /** {@code VmRSS} of this process (native and heap together) and the heap in use, as text. */
    static String rss() {
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return line.substring(6).trim() + " (heap in use " + heapMb + " MB)";
                }
            }
        } catch (Exception e) {
            // not Linux: the heap alone
        }
        return "unknown (heap in use " + heapMb + " MB)";
    }
}
