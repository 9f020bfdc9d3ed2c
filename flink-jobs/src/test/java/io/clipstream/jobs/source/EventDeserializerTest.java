package io.clipstream.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.LabelEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventDeserializerTest {
    private final EventCodec<CaptionEvent> codec = EventCodec.of(CaptionEvent.class);
    private final EventDeserializer<CaptionEvent> captions =
            new EventDeserializer<>(CaptionEvent.class, Validators.captions(), 1000, 16, null);

    private static CaptionEvent caption(String id, String text) {
        return CaptionEvent.newBuilder().setCaptionId(id).setText(text).setEventTime(Instant.ofEpochMilli(1)).build();
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("caps", 3, 42L, key, value);
    }

    @Test
    void decodesAGoodRecordWithItsProvenance() {
        Decoded<CaptionEvent> d = captions.decode(record(null, codec.encode(caption("c1", "a cat"))), 99L);
        assertThat(d.isDeadLetter()).isFalse();
        assertThat(d.event.getText()).isEqualTo("a cat");
        assertThat(d.topic).isEqualTo("caps");
        assertThat(d.partition).isEqualTo(3);
        assertThat(d.offset).isEqualTo(42L);
        assertThat(d.ingestMs).isEqualTo(99L);
    }

    @Test
    void everyKindOfBadValueBecomesADeadLetterWithItsReason() {
        byte[] good = codec.encode(caption("c1", "a cat"));
        assertRefused(null, "deserialize", "EMPTY_VALUE");
        assertRefused("plain text".getBytes(StandardCharsets.UTF_8), "deserialize", "NOT_AVRO");
        assertRefused(Arrays.copyOf(good, good.length - 4), "deserialize", "TRUNCATED");
        assertRefused(EventCodec.of(LabelEvent.class).encode(LabelEvent.newBuilder().setVocabulary("v").setLabel("l").build()),
                "deserialize", "UNKNOWN_SCHEMA");
        assertRefused(new byte[2000], "deserialize", "OVERSIZED");
        assertRefused(codec.encode(caption("", "a cat")), "validate", "MISSING_ID");
        assertRefused(codec.encode(caption("c2", "  \t")), "validate", "EMPTY_CAPTION");
    }

    @Test
    void keepsTheOriginalBytesUpToTheCap() {
        byte[] value = "0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8);
        DeadLetterEvent dl = captions.decode(new ConsumerRecord<>("caps", 0, 7L, "k".getBytes(), value), 1L).deadLetter;
        assertThat(dl.getOriginalSize()).isEqualTo(value.length);
        assertThat(dl.getOriginalBytes().remaining()).isEqualTo(16);
        assertThat(dl.getSourceOffset()).isEqualTo(7L);
        assertThat(StandardCharsets.UTF_8.decode(dl.getSourceKey()).toString()).isEqualTo("k");
        assertThat(dl.getMessage()).contains("C3 01");
    }

    @Test
    void aLabelTombstoneDeletesTheLabelOfItsKey() {
        EventDeserializer<LabelEvent> labels = new EventDeserializer<>(LabelEvent.class, Validators.labels(), 1000, 16,
                ClipSources::labelTombstone);
        Decoded<LabelEvent> d = labels.decode(record("fruit/apple".getBytes(StandardCharsets.UTF_8), null), 1L);
        assertThat(d.isDeadLetter()).isFalse();
        assertThat(d.event.getVocabulary()).isEqualTo("fruit");
        assertThat(d.event.getLabel()).isEqualTo("apple");
        assertThat(d.event.getDeleted()).isTrue();
        assertThat(labels.decode(record("nokey".getBytes(StandardCharsets.UTF_8), null), 1L).deadLetter.getReason())
                .isEqualTo("EMPTY_VALUE");
    }

    private void assertRefused(byte[] value, String stage, String reason) {
        Decoded<CaptionEvent> d = captions.decode(record(null, value), 1L);
        assertThat(d.isDeadLetter()).as("%s refused", reason).isTrue();
        assertThat(d.deadLetter.getStage()).isEqualTo(stage);
        assertThat(d.deadLetter.getReason()).isEqualTo(reason);
        assertThat(d.deadLetter.getSourceTopic()).isEqualTo("caps");
    }

    @Test
    void aZeroLengthValueIsAnEmptyValue() {
        assertRefused(new byte[0], "deserialize", "EMPTY_VALUE");
    }

    @Test
    void aKeyOverTheLimitIsRefusedAndItsDeadLetterKeepsOnlyTheLimit() {
        EventDeserializer<CaptionEvent> d = new EventDeserializer<>(CaptionEvent.class, Validators.captions(), 1000, 16,
                64, null);
        byte[] key = new byte[1_500_000];
        Arrays.fill(key, (byte) 'k');
        DeadLetterEvent dl = d.decode(record(key, "garbage".getBytes(StandardCharsets.UTF_8)), 1L).deadLetter;
        assertThat(dl.getStage()).isEqualTo("deserialize");
        assertThat(dl.getReason()).isEqualTo("FIELD_TOO_LARGE");
        assertThat(dl.getSourceKey().remaining()).isEqualTo(64);
        assertThat(dl.getOriginalBytes().remaining()).isEqualTo(7);
        assertThat(dl.getMessage()).contains("1500000");
    }

    @Test
    void aNonUtf8KeyIsKeptByteForByte() {
        byte[] key = {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xC3};
        DeadLetterEvent dl = captions.decode(record(key, "plain".getBytes(StandardCharsets.UTF_8)), 1L).deadLetter;
        byte[] kept = new byte[dl.getSourceKey().remaining()];
        dl.getSourceKey().duplicate().get(kept);
        assertThat(kept).containsExactly(key);
    }

    @Test
    void hugeDeclaredLengthsAreTruncatedOrCorruptNeverInvalidField() {
        byte[] good = codec.encode(caption("abc", "hello"));
        // the captionId's length (zig-zag varint 6 = "abc") sits right after the 10-byte header
        for (long length : new long[] {1L << 20, (1L << 31) - 1, 1L << 40, -5}) {
            byte[] bad = withLength(good, length);
            Decoded<CaptionEvent> d = captions.decode(record(null, bad), 1L);
            assertThat(d.deadLetter.getStage()).as("length %d", length).isEqualTo("deserialize");
            assertThat(d.deadLetter.getReason()).as("length %d", length).isIn("TRUNCATED", "CORRUPT");
        }
    }

    @Test
    void captionsOfInvisibleCharactersOnlyAreEmpty() {
        for (String text : new String[] {"\u00A0\u00A0", "\u200B", "\u200B\u200C\u200D\u2060\uFEFF", "\u3000 \t",
                "\u2007\u202F", "\u3164", "\u180E", "\u0301"}) {
            assertRefused(codec.encode(caption("c", text)), "validate", "EMPTY_CAPTION");
        }
        assertThat(captions.decode(record(null, codec.encode(caption("c", "\u200Bcat"))), 1L).isDeadLetter()).isFalse();
        assertThat(captions.decode(record(null, codec.encode(caption("c", "\u732B"))), 1L).isDeadLetter()).isFalse();
    }

    @Test
    void fieldsOverTheirLimitAreFieldTooLarge() {
        EventDeserializer<CaptionEvent> roomy = new EventDeserializer<>(CaptionEvent.class, Validators.captions(),
                1_000_000, 16, null);
        String big = "x".repeat(1025);
        for (CaptionEvent e : List.of(caption(big, "a cat"), CaptionEvent.newBuilder(caption("c", "a cat")).setKey(big).build(),
                caption("c", "a".repeat(65_537)),
                // the limit counts UTF-8 bytes: 342 three-byte characters are 1026 bytes
                caption("\u732B".repeat(342), "a cat"))) {
            Decoded<CaptionEvent> d = roomy.decode(record(null, codec.encode(e)), 1L);
            assertThat(d.deadLetter.getStage()).isEqualTo("validate");
            assertThat(d.deadLetter.getReason()).isEqualTo("FIELD_TOO_LARGE");
        }
        assertThat(roomy.decode(record(null, codec.encode(caption("x".repeat(1024), "a cat"))), 1L).isDeadLetter())
                .isFalse();
    }

    @Test
    void everyWireFormatReasonHasADeadLetterReason() {
        for (io.clipstream.schemas.wire.WireFormatException.Reason r : io.clipstream.schemas.wire.WireFormatException.Reason.values()) {
            assertThat(EventDeserializer.reasonOf(r).name()).isEqualTo(r.name());
        }
        assertThat(EventDeserializer.reasonOf(null).name()).isEqualTo("CORRUPT");
    }

    @Test
    void aGoodRecordCarriesItsKeyAndBytesForLaterDeadLetters() {
        byte[] value = codec.encode(caption("c1", "a cat"));
        Decoded<CaptionEvent> d = new EventDeserializer<>(CaptionEvent.class, Validators.captions(), 1000, 8, null)
                .decode(record(new byte[] {1, 2}, value), 1L);
        io.clipstream.jobs.event.Provenance p = d.provenance();
        assertThat(p.sourceKey).containsExactly(1, 2);
        assertThat(p.original).containsExactly(Arrays.copyOf(value, 8));
        assertThat(p.originalSize).isEqualTo(value.length);
    }

    private static byte[] withLength(byte[] good, long length) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(good, 0, 10);
        long z = (length << 1) ^ (length >> 63);
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        out.write(good, 11, good.length - 11);
        return out.toByteArray();
    }
}
