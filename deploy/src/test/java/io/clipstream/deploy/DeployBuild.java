package io.clipstream.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where this module's package phase left its outputs: the thin job jar and the two lib folders
 * (Flink distribution, DJL). Integration tests run after package, so these exist.
 */
public final class DeployBuild {

    private DeployBuild() {}

    /** The module's build folder ({@code clipstream.deploy.build-dir}, set by the failsafe configuration). */
    public static Path buildDir() {
        String dir = System.getProperty("clipstream.deploy.build-dir");
        if (dir == null) {
            throw new IllegalStateException("clipstream.deploy.build-dir is not set: run through mvn verify");
        }
        return Path.of(dir).toAbsolutePath();
    }

    public static Path flinkLib() {
        return buildDir().resolve("flink-lib");
    }

    public static Path clusterLib() {
        return buildDir().resolve("cluster-lib");
    }

    public static Path jobJar() {
        return buildDir().resolve("job").resolve("clipstream-job.jar");
    }

    /** The repository root: the folder above this module that holds {@code deploy/Dockerfile}. */
    public static Path repositoryRoot() {
        Path dir = buildDir();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy").resolve("Dockerfile"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/Dockerfile above " + buildDir());
        }
        return dir;
    }
}
