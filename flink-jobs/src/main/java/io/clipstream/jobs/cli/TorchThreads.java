package io.clipstream.jobs.cli;

/**
 * PyTorch's thread pools for the commands that run the model in this process. By default
 * libtorch starts one intra-op thread per core in every calling thread's pool; with several Flink
 * subtasks calling the model at once (and other processes on the machine) those threads spin
 * against each other and a small model runs many times slower. Unless the user chose
 * ({@code OMP_NUM_THREADS}, {@code -Dai.djl.pytorch.num_threads}), each of the {@code callers}
 * gets an equal share of the cores.
 */
final class TorchThreads {
    private TorchThreads() {}

    /** Must run before the engine loads (the first model). Returns the intra-op threads in effect, or -1 if the user's. */
    static int share(int callers) {
        if (System.getenv("OMP_NUM_THREADS") != null || System.getProperty("ai.djl.pytorch.num_threads") != null) {
            return -1;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, callers));
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        return threads;
    }
}
