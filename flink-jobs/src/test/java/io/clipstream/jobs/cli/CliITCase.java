package io.clipstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.runtime.RandomCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user types them: produce captions, run the embed job, consume embeddings. */
class CliITCase {
    @TempDir
    Path tmp;

    @Test
    void produceRunAndConsumeFromTheCommandLine() throws Exception {
        Path model = RandomCheckpoint.write(tmp.resolve("model"), List.of("a red square blue circle"), 3);
        Path captions = Files.writeString(tmp.resolve("captions.tsv"), "c1\ta red square\nc2\tk\ta blue circle\n");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String[] common = {"--bootstrap-servers", kafka.bootstrapServers(), "--set", "topics.captions=cli.captions",
                "--set", "topics.images=cli.images", "--set", "topics.embeddings=cli.embeddings",
                "--set", "topics.dead-letters=cli.dead-letters"};
            assertThat(run(concat(new String[] {"produce", "captions", captions.toString()}, common)))
                    .containsExactly("produced 2 captions to cli.captions");
            assertThat(run(concat(new String[] {"run", "embed", "--model", model.toString(), "--set", "source.bounded=true",
                "--set", "source.starting-offsets=earliest", "--set", "job.work-dir=" + tmp.resolve("work"), "--parallelism", "1"}, common))).isEmpty();
            List<String> lines = run(concat(new String[] {"consume", "embeddings", "--from-beginning", "--max", "2"}, common));
            assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("{") && l.contains("\"modality\": \"TEXT\""));
            assertThat(String.join("\n", lines)).contains("\"sourceId\": \"c1\"", "\"sourceId\": \"c2\"", "\"key\": \"k\"");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Runs the command tree in this JVM and returns what it printed on stdout, line by line. */
    private static List<String> run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute(args);
        } finally {
            System.setOut(saved);
        }
        assertThat(code).as("exit code of %s", String.join(" ", args)).isZero();
        return buffer.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
}
