package io.clipstream.deploy.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of the cluster, known by the pid file it leaves in the cluster's folder so that a later
 * command (another launcher JVM) can find, stop or kill it.
 */
final class ClusterProcess {

    private final String name;
    private final Path pidFile;

    ClusterProcess(Path workDir, String name) {
        this.name = name;
        this.pidFile = workDir.resolve("pids").resolve(name + ".pid");
    }

    String name() {
        return name;
    }

    /** Starts the JVM detached from the caller: its output goes to {@code log/<name>.out}. */
    void launch(Path workDir, List<String> jvmArgs, String classpath, String mainClass, List<String> args)
            throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " already runs as pid " + pid().orElseThrow());
        }
        Path logDir = Files.createDirectories(workDir.resolve("log"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-Dlog.file=" + logDir.resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=file:" + workDir.resolve("conf").resolve("log4j.properties"));
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".out").toFile())
                .start();
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
    }

    Optional<Long> pid() {
        try {
            return Files.isRegularFile(pidFile)
                    ? Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<ProcessHandle> handle() {
        return pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    boolean isAlive() {
        return handle().isPresent();
    }

    /** SIGKILL: the process gets no chance to clean up, as when a machine dies. */
    void kill() {
        handle().ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code grace}. */
    void stop(Duration grace) {
        handle().ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file is harmless: pid() only reports live processes
        }
    }
}
