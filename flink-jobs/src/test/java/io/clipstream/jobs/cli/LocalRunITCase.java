package io.clipstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.runtime.ListeningSockets;
import io.clipstream.model.ClipModelOptions;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code demo} as the launcher starts them, in a JVM of their own whose working
 * directory is not the installation: they find the bundled model through {@code clipstream.home},
 * keep their checkpoints under the working directory's {@code work-data/}, and every socket they
 * listen on while they run is on loopback.
 */
class LocalRunITCase {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path BUNDLED = ROOT.resolve(ClipModelOptions.DEFAULT_MODEL_DIR);

    @TempDir
    Path elsewhere;

    @Test
    void demoFromAnotherFolderUsesTheBundledModelAndListensOnLoopbackOnly() throws Exception {
        Run demo = launch("demo", "--images", "4", "--timeout", "120");
        assertThat(demo.exitCode).as("exit code; output:%n%s", demo.output).isZero();
        assertThat(demo.output).contains("model " + BUNDLED + ",").contains("summary: images=4");
        assertThat(demo.listeners).as("the broker's two listeners, Flink's REST endpoint and blob server")
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(l -> assertThat(l.loopback()).as("%s is loopback", l).isTrue());
        assertThat(elsewhere.resolve("work-data").resolve("checkpoints")).isDirectory();
    }

    @Test
    void runWithoutModelUsesTheBundledOneAndListensOnLoopbackOnly() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Path captions = Files.writeString(elsewhere.resolve("captions.tsv"), "c1\ta red square\n");
            List<String> topics = List.of("--set", "topics.captions=lr.captions", "--set", "topics.images=lr.images",
                "--set", "topics.embeddings=lr.embeddings", "--set", "topics.dead-letters=lr.dead-letters",
                "--set", "topics.labels=lr.labels", "--set", "topics.matches=lr.matches", "--set", "topics.tags=lr.tags");
            List<String> produce = new ArrayList<>(List.of("produce", "captions", captions.toString(),
                    "--bootstrap-servers", kafka.bootstrapServers()));
            produce.addAll(topics);
            assertThat(Main.commandLine().execute(produce.toArray(String[]::new))).isZero();

            List<String> args = new ArrayList<>(List.of("run", "embed", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--set", "source.bounded=true", "--set", "source.starting-offsets=earliest", "--parallelism", "1"));
            args.addAll(topics);
            Run run = launch(args.toArray(String[]::new));
            assertThat(run.exitCode).as("exit code; output:%n%s", run.output).isZero();
            assertThat(run.output).contains("model " + BUNDLED);
            assertThat(run.listeners).as("Flink's REST endpoint and blob server").hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(l -> assertThat(l.loopback()).as("%s is loopback", l).isTrue());
        }
    }

    @Test
    void runWithAFolderThatHoldsNoModelFailsBeforeCreatingAnything() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); Admin admin = Admin.create(kafka.clientProperties())) {
            PrintStream savedErr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                code = Main.commandLine().execute("run", "match", "--bootstrap-servers", kafka.bootstrapServers(),
                        "--model", elsewhere.toString(), "--set", "topics.images=nm.images");
            } finally {
                System.setErr(savedErr);
            }
            assertThat(code).isNotZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("no model at " + elsewhere, "--model DIR");
            assertThat(admin.listTopics().names().get()).doesNotContain("nm.images");
        }
    }

    /** What a launched command printed, how it ended, and every socket it was seen listening on. */
    private record Run(int exitCode, String output, Set<ListeningSockets.Listener> listeners) {}

    /** Starts the command as {@code ./clipstream} does, from {@link #elsewhere}, sampling its sockets until it ends. */
    private Run launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-Dclipstream.home=" + ROOT,
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=classpath:clipstream-log4j2.properties",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        File log = elsewhere.resolve("output.log").toFile();
        Process p = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true)
                .redirectOutput(log).start();
        Set<ListeningSockets.Listener> seen = new LinkedHashSet<>();
        try {
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                try {
                    seen.addAll(ListeningSockets.of(p.pid()));
                } catch (RuntimeException exited) {
                    // the process ended between the check and the read
                }
                if (seen.size() > 64) {
                    break;
                }
            }
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError("still running after 180 s: " + String.join(" ", args));
            }
        } finally {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), Files.readString(log.toPath()), seen);
    }
}
