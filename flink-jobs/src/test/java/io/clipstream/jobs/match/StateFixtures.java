package io.clipstream.jobs.match;

import io.clipstream.align.ScoringRule;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.ImageCandidate;
import io.clipstream.jobs.event.PartialTopK;
import io.clipstream.jobs.event.Provenance;
import io.clipstream.jobs.event.Timings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The values of the match job's keyed state (the records held per key, the keyless merge's
 * partial results) and what their serializers wrote into a savepoint,
 * kept under {@code src/test/resources/state-history/} so that {@link StateCompatibilityTest}
 * can restore them with today's classes. Run {@link #main} to write a new generation when the
 * state's classes change on purpose.
 */
public final class StateFixtures {

    private StateFixtures() {}

    static StoredRecord.Image image() {
        EncodedImage e = new EncodedImage();
        e.id = "i1";
        e.key = "k";
        e.vector = new float[] {0.6f, 0.8f};
        e.candidateCaptions = List.of("a cat");
        e.candidateVectors = List.of(new float[] {1f, 0f});
        e.vocabulary = "animals";
        e.scoredBy("m1", ScoringRule.of(true, 100f, -10f));
        e.provenance = new Provenance("images", 3, 42L);
        e.timings = new Timings(5L, 6L);
        return new StoredRecord.Image(e, 7L);
    }

    static StoredRecord.Caption caption() {
        EncodedCaption e = new EncodedCaption();
        e.id = "c1";
        e.key = "k";
        e.text = "a cat";
        e.vector = new float[] {0.8f, 0.6f};
        e.scoredBy("m1", ScoringRule.of(true, 100f, -10f));
        e.provenance = new Provenance("captions", 1, 9L);
        e.timings = new Timings(3L, 4L);
        return new StoredRecord.Caption(e, 8L);
    }

    static PartialTopK partialTopK() {
        PartialTopK p = new PartialTopK();
        p.captionId = "c1";
        p.captionText = "a cat";
        p.scoredBy("m1", ScoringRule.of(true, 100f, -10f));
        p.timings = new Timings(3L, 4L);
        p.subtask = 1;
        p.parts = 2;
        p.candidates.add(new ImageCandidate("i1", null, 0.5f));
        p.logSumExp = 12.5;
        p.windowSize = 3;
        return p;
    }

    static <T> TypeSerializer<T> serializer(Class<T> type) {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        return TypeInformation.of(type).createSerializer(noKryo);
    }

    /** Writes {@code <name>.snapshot} (the serializer's snapshot) and {@code <name>.bin} (one value). */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/state-history");
        write(dir, "stored-image", StoredRecord.Image.class, image());
        write(dir, "stored-caption", StoredRecord.Caption.class, caption());
        write(dir, "partial-topk", PartialTopK.class, partialTopK());
    }

    private static <T> void write(Path dir, String name, Class<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = serializer(type);
        DataOutputSerializer snapshot = new DataOutputSerializer(1024);
        TypeSerializerSnapshot.writeVersionedSnapshot(snapshot, serializer.snapshotConfiguration());
        Files.write(dir.resolve(name + ".snapshot"), snapshot.getCopyOfBuffer());
        DataOutputSerializer bytes = new DataOutputSerializer(256);
        serializer.serialize(value, bytes);
        Files.write(dir.resolve(name + ".bin"), bytes.getCopyOfBuffer());
    }
}
