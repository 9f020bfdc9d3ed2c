package io.clipstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every current schema must read data written with each of its earlier versions kept under
 * {@code schemas/history/}; and the check itself must reject a change that breaks old data.
 */
class SchemaCompatibilityTest {

    static Stream<Path> currentSchemas() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("."))) {
            return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList().stream();
        }
    }

    @Test
    void everyTopicHasASchemaAndAHistory() throws IOException {
        List<String> names = currentSchemas().map(p -> p.getFileName().toString()).toList();
        assertThat(names).containsExactlyInAnyOrder("CaptionEvent.avsc", "DeadLetterEvent.avsc",
                "EmbeddingEvent.avsc", "ImageEvent.avsc", "LabelEvent.avsc", "MatchEvent.avsc", "TagEvent.avsc");
        for (String n : names) {
            assertThat(history(n.replace(".avsc", ""))).as("history of %s", n).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void currentReadsEveryEarlierVersion(Path file) throws IOException {
        Schema current = parse(file);
        for (Path old : history(current.getName())) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, parse(old));
            assertThat(result.getType()).as("%s reading %s: %s", file, old, result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void aNewFieldWithoutDefaultWouldBeRejected(Path file) throws IOException {
        Schema current = parse(file);
        Schema broken = withExtraField(current, false);
        Schema fine = withExtraField(current, true);
        for (Path old : history(current.getName())) {
            Schema writer = parse(old);
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, writer).getType())
                    .as("a required new field must break reading %s", old)
                    .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(fine, writer).getType())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void namespaceIsTheProjects(Path file) throws IOException {
        assertThat(parse(file).getNamespace()).isEqualTo("io.clipstream.schemas");
    }

    private static Schema withExtraField(Schema s, boolean withDefault) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : s.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(withDefault
                ? new Schema.Field("addedLater", SchemaBuilder.builder().stringType(), null, "none")
                : new Schema.Field("addedLater", SchemaBuilder.builder().stringType(), null));
        return Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), false, fields);
    }

    private static List<Path> history(String name) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("history"))) {
            return files.filter(p -> p.getFileName().toString().matches(name + "-v\\d+\\.avsc")).sorted().toList();
        }
    }

    private static Schema parse(Path p) throws IOException {
        return new Schema.Parser().parse(Files.readString(p));
    }
}
