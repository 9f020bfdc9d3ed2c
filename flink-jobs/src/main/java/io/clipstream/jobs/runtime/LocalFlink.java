package io.clipstream.jobs.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink of the in-process commands ({@code run}, {@code demo}): a local cluster in this JVM
 * whose checkpoints are files under {@link RuntimeOptions#WORK_DIR} (never the JobManager's heap,
 * whose 5 MiB limit large keyed state passes), whose state backend is
 * {@link RuntimeOptions#STATE_BACKEND}, and whose endpoints (REST, blob server, RPC and data
 * exchange where they open sockets) listen on {@link RuntimeOptions#BIND_ADDRESS} only.
 *
 * <p>Flink's own keys win: a configuration that sets {@code execution.checkpointing.dir},
 * {@code state.backend.type}, {@code rest.bind-address} and so on keeps its values.
 *
 * <pre>{@code
 * MatchJob.fromConfiguration(conf, ModelLoader.clipModel()).execute(LocalFlink.environment(conf));
 * }</pre>
 */
@PublicEvolving
public final class LocalFlink {
    private LocalFlink() {}

    /** A local environment on {@link #configure(Configuration) the configured} copy of {@code conf}. */
    public static StreamExecutionEnvironment environment(Configuration conf) {
        return StreamExecutionEnvironment.createLocalEnvironment(configure(conf));
    }

    /** A copy of {@code conf} with the checkpoint storage, state backend and bind addresses set. */
    public static Configuration configure(Configuration conf) {
        Configuration out = new Configuration(conf);
        Path work = workDir(conf);
        setIfAbsent(out, CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        setIfAbsent(out, CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").toUri().toString());
        RuntimeOptions.StateBackend backend = conf.get(RuntimeOptions.STATE_BACKEND);
        setIfAbsent(out, StateBackendOptions.STATE_BACKEND, backend.name().toLowerCase(java.util.Locale.ROOT));
        if (backend == RuntimeOptions.StateBackend.ROCKSDB) {
            // RocksDB's working files: the default, java.io.tmpdir, is often a memory-backed tmpfs
            if (!out.containsKey(ROCKSDB_LOCAL_DIR)) {
                out.setString(ROCKSDB_LOCAL_DIR, work.resolve("rocksdb").toString());
            }
            setIfAbsent(out, CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        String bind = conf.get(RuntimeOptions.BIND_ADDRESS);
        setIfAbsent(out, RestOptions.BIND_ADDRESS, bind);
        setIfAbsent(out, JobManagerOptions.BIND_HOST, bind);
        setIfAbsent(out, TaskManagerOptions.BIND_HOST, bind);
        // the address clients are told: the bind address itself unless it is every interface
        String advertised = isWildcard(bind) ? localHostName() : bind;
        setIfAbsent(out, RestOptions.ADDRESS, advertised);
        setIfAbsent(out, JobManagerOptions.ADDRESS, advertised);
        setIfAbsent(out, TaskManagerOptions.HOST, advertised);
        return out;
    }

    /** The work folder of {@code conf}, absolute. */
    public static Path workDir(Configuration conf) {
        return Path.of(conf.get(RuntimeOptions.WORK_DIR)).toAbsolutePath().normalize();
    }

    /** Whether {@code address} means every interface ({@code 0.0.0.0}, {@code ::}, empty). */
    static boolean isWildcard(String address) {
        if (address == null || address.isBlank()) {
            return true;
        }
        try {
            return InetAddress.getByName(address).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static final String ROCKSDB_LOCAL_DIR = "state.backend.rocksdb.localdir";

    private static <T> void setIfAbsent(Configuration conf, ConfigOption<T> option, T value) {
        if (!conf.contains(option)) {
            conf.set(option, value);
        }
    }
}
