package io.clipstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.schemas.wire.EventCodec;
import io.clipstream.schemas.wire.WireFormatException;
import io.clipstream.schemas.wire.WireFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.generic.GenericData.Record;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec<CaptionEvent> captions = EventCodec.of(CaptionEvent.class);

    private static CaptionEvent caption() {
        return CaptionEvent.newBuilder().setCaptionId("c-1").setKey("k").setText("a red apple")
                .setAttributes(Map.of("lang", "en")).setEventTime(Instant.ofEpochMilli(1_700_000_000_123L)).build();
    }

    @Test
    void roundTripsAndWritesTheSingleObjectHeader() throws Exception {
        byte[] bytes = captions.encode(caption());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(captions.fingerprint());
        assertThat(captions.decode(bytes)).isEqualTo(caption());
    }

    @Test
    void agreesWithAvrosOwnSingleObjectEncoder() throws Exception {
        byte[] theirs = CaptionEvent.getEncoder().encode(caption()).array();
        assertThat(captions.encode(caption())).isEqualTo(theirs);
        assertThat(CaptionEvent.getDecoder().decode(captions.encode(caption()))).isEqualTo(caption());
    }

    @Test
    void unboxedVectorsAreWrittenAsAvroWritesAnyList() throws Exception {
        Schema vector = EmbeddingEvent.getClassSchema().getField("vector").schema();
        for (int dim : new int[] {0, 1, 3, 512}) {
            org.apache.avro.generic.PrimitivesArrays.FloatArray floats =
                    new org.apache.avro.generic.PrimitivesArrays.FloatArray(dim, vector);
            List<Float> boxed = new java.util.ArrayList<>();
            for (int i = 0; i < dim; i++) {
                float v = (float) Math.sin(i * 0.7) * (i % 5 == 0 ? 1e-30f : 1f);
                floats.add(v);
                boxed.add(v);
            }
            EmbeddingEvent unboxed = EmbeddingEvent.newBuilder().setSourceId("s").setKey(null).setModality(Modality.IMAGE)
                    .setVector(floats).setDimension(dim).setModelId("m").build();
            EmbeddingEvent plain = EmbeddingEvent.newBuilder(unboxed).setVector(boxed).build();
            EventCodec<EmbeddingEvent> codec = EventCodec.of(EmbeddingEvent.class);
            byte[] theirs = EmbeddingEvent.getEncoder().encode(plain).array();
            assertThat(codec.encode(unboxed)).as("dimension %d", dim).isEqualTo(theirs);
            assertThat(codec.encode(plain)).isEqualTo(theirs);
            assertThat(codec.decode(theirs).getVector()).containsExactlyElementsOf(boxed);
        }
    }

    @Test
    void reusedBuffersLeaveNothingOfOneRecordInTheNext() throws Exception {
        byte[] theirs = CaptionEvent.getEncoder().encode(caption()).array();
        CaptionEvent broken = caption();
        broken.setText(null);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> captions.encode(broken)).isInstanceOf(RuntimeException.class);
            assertThat(captions.encode(caption())).as("after a failed encode").isEqualTo(theirs);
        }
        CaptionEvent huge = caption();
        huge.setText("x".repeat(3 << 20));
        assertThat(captions.decode(captions.encode(huge)).getText().length()).isEqualTo(3 << 20);
        assertThat(captions.encode(caption())).as("after a record larger than the kept buffer").isEqualTo(theirs);
        // one writer per thread: threads encoding at once still agree with Avro's encoder
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                all.add(pool.submit(() -> captions.encode(caption())));
            }
            for (java.util.concurrent.Future<byte[]> f : all) {
                assertThat(f.get()).isEqualTo(theirs);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void imageUnionCarriesBytesOrUri() throws Exception {
        EventCodec<ImageEvent> images = EventCodec.of(ImageEvent.class);
        ImageEvent inline = ImageEvent.newBuilder().setImageId("i").setKey(null)
                .setImage(new InlineImage(ByteBuffer.wrap(new byte[] {1, 2, 3}), "image/png"))
                .setEventTime(Instant.ofEpochMilli(5)).build();
        ImageEvent ref = ImageEvent.newBuilder(inline).setImage(new ImageReference("file:///tmp/x.png"))
                .setCandidateCaptions(List.of("a cat", "a dog")).build();
        assertThat(images.decode(images.encode(inline)).getImage()).isInstanceOf(InlineImage.class);
        ImageEvent back = images.decode(images.encode(ref));
        assertThat(((ImageReference) back.getImage()).getUri()).isEqualTo("file:///tmp/x.png");
        assertThat(back.getCandidateCaptions()).containsExactly("a cat", "a dog");
        assertThat(inline.getAttributes()).isEmpty();
    }

    @Test
    void labelDefaultsToOnePromptTemplate() {
        LabelEvent label = LabelEvent.newBuilder().setVocabulary("fruit").setLabel("apple").build();
        assertThat(label.getPromptTemplates()).containsExactly("a photo of a {}");
        assertThat(label.getDeleted()).isFalse();
    }

    @Test
    void rejectsWhatIsNotOurs() {
        assertReason(new byte[0], Reason.NOT_AVRO);
        assertReason("hello, world".getBytes(), Reason.NOT_AVRO);
        byte[] good = captions.encode(caption());
        assertReason(Arrays.copyOf(good, 6), Reason.TRUNCATED);
        assertReason(Arrays.copyOf(good, good.length - 3), Reason.TRUNCATED);
        byte[] longer = Arrays.copyOf(good, good.length + 2);
        assertReason(longer, Reason.CORRUPT);
        // a valid single-object value of another event type: its fingerprint is not a caption's
        byte[] other = EventCodec.of(LabelEvent.class)
                .encode(LabelEvent.newBuilder().setVocabulary("v").setLabel("l").build());
        assertReason(other, Reason.UNKNOWN_SCHEMA);
    }

    @Test
    void readsDataWrittenWithAnEarlierCompatibleSchema() throws Exception {
        // an older producer whose schema lacked the attributes field (it has a default)
        Schema current = CaptionEvent.getClassSchema();
        List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (!f.name().equals("attributes")) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        Schema older = Schema.createRecord(current.getName(), null, current.getNamespace(), false, fields);
        assertThat(older.getField("attributes")).isNull();
        GenericRecord r = new GenericData.Record(older);
        r.put("captionId", "c-9");
        r.put("text", "old");
        r.put("eventTime", 7L);
        byte[] bytes = new BinaryMessageEncoder<Record>(GenericData.get(), older).encode((Record) r).array();
        // unknown until the older version is in the history
        assertThatThrownBy(() -> captions.decode(bytes)).isInstanceOf(WireFormatException.class)
                .extracting(e -> ((WireFormatException) e).reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
        CaptionEvent read = captions.withWriterSchema(older).decode(bytes);
        assertThat(read.getCaptionId()).isEqualTo("c-9");
        assertThat(read.getAttributes()).isEmpty();
        assertThat(read.getKey()).isNull();
    }

    @Test
    void reusedReadersReadEveryValueAsANewReaderWouldAfterFailuresAndOnManyThreads() throws Exception {
        byte[] good = captions.encode(caption());
        CaptionEvent other = CaptionEvent.newBuilder(caption()).setCaptionId("c-2").setText("a different text")
                .setKey(null).build();
        byte[] second = captions.encode(other);
        // refusals in between leave nothing behind in the thread's reader
        assertReason(Arrays.copyOf(good, good.length - 3), Reason.TRUNCATED);
        assertThat(captions.decode(good)).isEqualTo(caption());
        assertReason(Arrays.copyOf(good, good.length + 2), Reason.CORRUPT);
        assertThat(captions.decode(second)).isEqualTo(other);
        assertThat(captions.decode(good)).isEqualTo(caption());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean even = i % 2 == 0;
                all.add(pool.submit(() -> captions.decode(even ? good : second).equals(even ? caption() : other)));
            }
            for (java.util.concurrent.Future<Boolean> f : all) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void survivesJavaSerialisation() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
            out.writeObject(captions);
        }
        @SuppressWarnings("unchecked")
        EventCodec<CaptionEvent> copy = (EventCodec<CaptionEvent>) new ObjectInputStream(
                new java.io.ByteArrayInputStream(bos.toByteArray())).readObject();
        assertThat(copy.decode(captions.encode(caption()))).isEqualTo(caption());
    }

    private void assertReason(byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> captions.decode(bytes)).isInstanceOf(WireFormatException.class)
                .extracting(e -> ((WireFormatException) e).reason()).isEqualTo(reason);
    }
}
