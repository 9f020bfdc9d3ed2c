package io.clipstream.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The match job's keyed state restores from a savepoint of an earlier build: the serializer
 * snapshot and a value written then ({@link StateFixtures}) are read by today's classes, which
 * must take them as they are (no migration) and get every field back.
 */
class StateCompatibilityTest {

    @ParameterizedTest
    @ValueSource(strings = {"stored-image", "stored-caption", "partial-topk"})
    void todaysSerializerTakesTheSavedStateAsItIs(String name) throws Exception {
        switch (name) {
            case "stored-image" -> check(name, StoredRecord.Image.class, StateFixtures::image);
            case "stored-caption" -> check(name, StoredRecord.Caption.class, StateFixtures::caption);
            default -> check(name, io.clipstream.jobs.event.PartialTopK.class, StateFixtures::partialTopK);
        }
    }

    private static <T> void check(String name, Class<T> type, Supplier<T> expected) throws Exception {
        ClassLoader loader = StateCompatibilityTest.class.getClassLoader();
        TypeSerializerSnapshot<T> saved = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(read(name + ".snapshot")), loader);
        TypeSerializer<T> current = StateFixtures.serializer(type);
        TypeSerializerSchemaCompatibility<T> compatibility =
                current.snapshotConfiguration().resolveSchemaCompatibility(saved);
        assertThat(compatibility.isCompatibleAsIs()).as(name + ": " + compatibility).isTrue();

        // the state backend reads what was written with the serializer restored from the snapshot
        T restored = saved.restoreSerializer().deserialize(new DataInputDeserializer(read(name + ".bin")));
        assertThat(restored).usingRecursiveComparison().isEqualTo(expected.get());
        T again = current.deserialize(new DataInputDeserializer(read(name + ".bin")));
        assertThat(again).usingRecursiveComparison().isEqualTo(expected.get());
    }

    private static byte[] read(String file) throws Exception {
        try (InputStream in = StateCompatibilityTest.class.getResourceAsStream("/state-history/" + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        }
    }
}
