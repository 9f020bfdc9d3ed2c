package io.clipstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text-to-image search over the held-out demo emoji with the bundled model, as a user runs it:
 * {@code produce images}, {@code run embed}, {@code index}, then {@code search --text CAPTION}
 * for each emoji's name; most names find their own emoji among the first five.
 */
class SearchCommandITCase {
    private static final Path DEMO = Path.of("src", "main", "resources", "demo");
    private static final Path MODEL = Path.of("..", "models", "clipstream-emoji-small").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void captionsFindTheirEmojiInTheTopFive() throws Exception {
        Map<String, String> captions = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DEMO.resolve("captions.tsv"))) {
            if (!line.startsWith("#") && line.contains("\t")) {
                String[] parts = line.split("\t");
                captions.put(parts[0].substring(0, parts[0].lastIndexOf('.')), parts[1]);
            }
        }
        Path index = tmp.resolve("index");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String[] common = {"--bootstrap-servers", kafka.bootstrapServers(), "--set", "topics.images=search.images",
                "--set", "topics.captions=search.captions", "--set", "topics.embeddings=search.embeddings",
                "--set", "topics.dead-letters=search.dead-letters", "--model", MODEL.toString()};
            run(concat(new String[] {"produce", "images", DEMO.toString()}, common));
            run(concat(new String[] {"run", "embed", "--set", "source.bounded=true",
                "--set", "source.starting-offsets=earliest", "--parallelism", "1"}, common));
            List<String> indexed = run(concat(new String[] {"index", "--index", index.toString(), "--idle-timeout", "3"}, common));
            assertThat(indexed.get(indexed.size() - 1)).contains("committed=" + captions.size());
        }
        ObjectMapper json = new ObjectMapper();
        List<String> misses = new ArrayList<>();
        for (Map.Entry<String, String> c : captions.entrySet()) {
            List<String> lines = run("search", "--text", c.getValue(), "--k", "5", "--json", "--index", index.toString(),
                    "--model", MODEL.toString());
            assertThat(lines).hasSize(5);
            List<String> ids = new ArrayList<>();
            float previous = Float.MAX_VALUE;
            for (String l : lines) {
                JsonNode n = json.readTree(l);
                ids.add(n.get("sourceId").asText());
                float cosine = (float) n.get("cosine").asDouble();
                assertThat(cosine).isBetween(-1f, 1f).isLessThanOrEqualTo(previous + 1e-6f);
                previous = cosine;
            }
            if (!ids.contains(c.getKey())) {
                misses.add(c.getValue() + " -> " + ids);
            }
        }
        int found = captions.size() - misses.size();
        System.out.printf("search: %d of %d held-out emoji names find their emoji in the top 5%n", found, captions.size());
        assertThat(found).as("names whose emoji is in the top 5; misses: %s", misses).isGreaterThan(captions.size() * 2 / 3);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

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
