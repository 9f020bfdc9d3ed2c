package io.clipstream.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

class LocalFlinkTest {

    @Test
    void checkpointsGoToFilesUnderTheWorkFolderAndEveryEndpointToLoopback() {
        Configuration conf = LocalFlink.configure(new Configuration());
        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(Path.of("work-data", "checkpoints").toAbsolutePath().toUri().toString());
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(conf.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(RestOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(JobManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
        assertThat(conf.get(TaskManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
        assertThat(conf.get(TaskManagerOptions.HOST)).isEqualTo("127.0.0.1");
    }

    @Test
    void rocksDbKeepsItsFilesInTheWorkFolderAndCheckpointsIncrementally() {
        Configuration in = new Configuration();
        in.set(RuntimeOptions.STATE_BACKEND, RuntimeOptions.StateBackend.ROCKSDB);
        in.set(RuntimeOptions.WORK_DIR, "/data/clipstream");
        Configuration conf = LocalFlink.configure(in);
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.getString("state.backend.rocksdb.localdir", null)).isEqualTo("/data/clipstream/rocksdb");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///data/clipstream/checkpoints");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    }

    @Test
    void flinksOwnKeysWinAndEveryInterfaceIsAnOption() {
        Configuration in = new Configuration();
        in.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "s3://bucket/checkpoints");
        in.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        in.set(RestOptions.BIND_ADDRESS, "10.0.0.5");
        in.set(RuntimeOptions.BIND_ADDRESS, "0.0.0.0");
        Configuration conf = LocalFlink.configure(in);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://bucket/checkpoints");
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(RestOptions.BIND_ADDRESS)).isEqualTo("10.0.0.5");
        assertThat(conf.get(JobManagerOptions.BIND_HOST)).isEqualTo("0.0.0.0");
        assertThat(conf.get(RestOptions.ADDRESS)).as("clients are told a name, not the wildcard").isNotEqualTo("0.0.0.0");
    }
}
