package io.clipstream.jobs.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** A handed-off record is shared by chained operators, and written between tasks exactly as before. */
class HandOffSerializerTest {
    private static final TypeInformation<ImageToEncode> POJO = TypeInformation.of(ImageToEncode.class);

    private static ImageToEncode image() {
        Timings t = new Timings(1, 2);
        t.producedMs = 3;
        return new ImageToEncode("img-1", "k", new float[] {0.5f, -1f, 2f}, List.of("a cat"), "animals",
                new Provenance("images", 1, 7), t);
    }

    private static <T> byte[] bytes(TypeSerializer<T> s, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void aCopyIsTheRecordItselfAndTheWireFormatIsTheWrappedOne() throws Exception {
        TypeSerializer<ImageToEncode> pojo = POJO.createSerializer(new SerializerConfigImpl());
        TypeSerializer<ImageToEncode> handOff = new HandOffTypeInfo<>(POJO).createSerializer(new SerializerConfigImpl());
        ImageToEncode in = image();

        assertThat(handOff.copy(in)).isSameAs(in);
        assertThat(handOff.copy(in, new ImageToEncode())).isSameAs(in);
        assertThat(pojo.copy(in)).isNotSameAs(in);

        byte[] written = bytes(handOff, in);
        assertThat(written).isEqualTo(bytes(pojo, in));
        ImageToEncode back = handOff.deserialize(new DataInputDeserializer(written));
        assertThat(back.id).isEqualTo("img-1");
        assertThat(back.pixels).containsExactly(0.5f, -1f, 2f);
        assertThat(back.candidateCaptions).containsExactly("a cat");
        assertThat(back.timings.producedMs).isEqualTo(3);
        assertThat(back.provenance.offset).isEqualTo(7);
    }

    @Test
    void itsSnapshotRestoresAHandOffSerializerOfTheSameType() throws Exception {
        TypeSerializer<ImageToEncode> handOff = new HandOffTypeInfo<>(POJO).createSerializer(new SerializerConfigImpl());
        TypeSerializerSnapshot<ImageToEncode> snapshot = handOff.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<ImageToEncode> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        TypeSerializer<ImageToEncode> restored = read.restoreSerializer();
        assertThat(restored).isInstanceOf(HandOffSerializer.class).isEqualTo(handOff);
        assertThat(handOff.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
        ImageToEncode in = image();
        assertThat(restored.copy(in)).isSameAs(in);
    }

    @Test
    void handOffTypesAreEqualByWhatTheyWrap() {
        assertThat(new HandOffTypeInfo<>(POJO)).isEqualTo(new HandOffTypeInfo<>(TypeInformation.of(ImageToEncode.class)))
                .isNotEqualTo(POJO);
        assertThat(new HandOffTypeInfo<>(POJO).getTypeClass()).isEqualTo(ImageToEncode.class);
    }
}
