package io.clipstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.launch.PipelineJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theJobJarIsTheNamedOneElseTheBuiltOneOfTheInstallationElseTheWorkingDirectorys() throws Exception {
        Path named = tmp.resolve("mine.jar");
        assertThat(RunCommand.jobJar(named, tmp.toString())).isEqualTo(named);
        assertThat(RunCommand.jobJar(null, tmp.toString())).isEqualTo(RunCommand.BUILT_JOB_JAR);
        Path built = tmp.resolve(RunCommand.BUILT_JOB_JAR);
        Files.createDirectories(built.getParent());
        Files.write(built, new byte[] {0});
        assertThat(RunCommand.jobJar(null, tmp.toString())).isEqualTo(built);
        assertThat(RunCommand.jobJar(null, null)).isEqualTo(RunCommand.BUILT_JOB_JAR);
    }

    @Test
    void theJobNamesComeFromTheRegistry() {
        assertThat(new RunCommand.JobNames()).containsExactlyElementsOf(PipelineJobs.names());
        assertThat(PipelineJobs.names()).containsExactly("match", "tag", "embed");
    }
}
