package io.clipstream.schemas.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads and writes one event type in the clipstream wire format: Avro single-object encoding,
 * that is the two bytes {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the
 * writer schema's canonical form, then the plain Avro binary body.
 *
 * <p>The fingerprint lets a reader refuse a value written with a schema it does not know with a
 * clear reason instead of decoding garbage. Every earlier version of the schema (kept on the
 * classpath under {@code io/clipstream/schemas/history/<Name>-v<N>.avsc}) is accepted and
 * resolved to the current one, so old producers keep working after a compatible change.
 *
 * <pre>{@code
 * EventCodec<CaptionEvent> codec = EventCodec.of(CaptionEvent.class);
 * byte[] bytes = codec.encode(caption);
 * CaptionEvent back = codec.decode(bytes); // throws WireFormatException with a Reason
 * }</pre>
 *
 * <p>Instances are immutable after construction and safe to share between threads.
 */
public final class EventCodec<T extends SpecificRecord> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Length of the single-object header: magic (2) + fingerprint (8). */
    public static final int HEADER_LENGTH = 10;

    private static final byte MAGIC_0 = (byte) 0xC3;
    private static final byte MAGIC_1 = (byte) 0x01;

    private final Class<T> type;
    private transient Schema schema;
    private transient long fingerprint;
    private transient Map<Long, Schema> writers;
    private transient ThreadLocal<Writing<T>> writing;
    /** One thread's readers by writer fingerprint: a new reader would resolve the schemas again per record. */
    private transient ThreadLocal<Map<Long, SpecificDatumReader<T>>> readers;

    private final java.util.List<String> extraWriters;

    private EventCodec(Class<T> type, java.util.List<String> extraWriters) {
        this.type = type;
        this.extraWriters = extraWriters;
        init();
    }

    /** A codec for a generated event class, knowing all its schema versions. */
    public static <T extends SpecificRecord> EventCodec<T> of(Class<T> type) {
        return new EventCodec<>(type, java.util.List.of());
    }

    /**
     * A copy that also reads values written with {@code writer}, for example a producer's schema
     * that is compatible but not (yet) in the history.
     */
    public EventCodec<T> withWriterSchema(Schema writer) {
        java.util.List<String> all = new java.util.ArrayList<>(extraWriters);
        all.add(writer.toString());
        return new EventCodec<>(type, java.util.List.copyOf(all));
    }

    private void init() {
        schema = SpecificData.get().getSchema(type);
        fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        writers = new LinkedHashMap<>();
        writers.put(fingerprint, schema);
        for (Schema old : historyOf(schema.getName())) {
            writers.putIfAbsent(SchemaNormalization.parsingFingerprint64(old), old);
        }
        for (String json : extraWriters) {
            Schema extra = new Schema.Parser().parse(json);
            writers.putIfAbsent(SchemaNormalization.parsingFingerprint64(extra), extra);
        }
        Schema current = schema;
        long fp = fingerprint;
        writing = ThreadLocal.withInitial(() -> new Writing<>(current, fp));
        readers = ThreadLocal.withInitial(java.util.HashMap::new);
    }

    private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        init();
    }

    /** The current (reader and writer) schema. */
    public Schema schema() {
        return schema;
    }

    /** CRC-64-AVRO fingerprint of the current schema, as written in the header. */
    public long fingerprint() {
        return fingerprint;
    }

    /** Fingerprints this codec can read: the current schema and every earlier version. */
    public Map<Long, Schema> readableSchemas() {
        return Map.copyOf(writers);
    }

    /** The single-object encoding of {@code event} with the current schema. */
    public byte[] encode(T event) {
        return writing.get().encode(event);
    }

    /** Reads one event; never returns null, throws with a {@link WireFormatException.Reason}. */
    public T decode(byte[] value) throws WireFormatException {
        if (value == null || value.length < 2 || value[0] != MAGIC_0 || value[1] != MAGIC_1) {
            throw new WireFormatException(WireFormatException.Reason.NOT_AVRO,
                    "not an Avro single-object encoded value (expected header C3 01)");
        }
        if (value.length < HEADER_LENGTH) {
            throw new WireFormatException(WireFormatException.Reason.TRUNCATED,
                    "value ends inside the schema fingerprint (" + value.length + " bytes)");
        }
        long fp = 0;
        for (int i = 0; i < 8; i++) {
            fp |= (value[2 + i] & 0xFFL) << (8 * i);
        }
        Schema writer = writers.get(fp);
        if (writer == null) {
            throw new WireFormatException(WireFormatException.Reason.UNKNOWN_SCHEMA, String.format(
                    "schema fingerprint %016x is not a known version of %s (current %016x)",
                    fp, schema.getFullName(), fingerprint));
        }
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(value, HEADER_LENGTH, value.length - HEADER_LENGTH, null);
        T event;
        Map<Long, SpecificDatumReader<T>> mine = readers.get();
        SpecificDatumReader<T> reader = mine.get(fp);
        if (reader == null) {
            reader = new SpecificDatumReader<>(writer, schema);
            mine.put(fp, reader);
        }
        try {
            event = reader.read(null, decoder);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // a reader resets itself for every record; still, a failed one is not trusted again
            mine.remove(fp);
            throw refusal(e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new WireFormatException(WireFormatException.Reason.CORRUPT,
                        "bytes left over after the " + schema.getName() + " record");
            }
        } catch (IOException e) {
            throw new WireFormatException(WireFormatException.Reason.CORRUPT, e.getMessage(), e);
        }
        return event;
    }

    /** Why a body could not be read, as a {@link WireFormatException}. */
    private WireFormatException refusal(Throwable e) {
        if (e instanceof EOFException) {
            return new WireFormatException(WireFormatException.Reason.TRUNCATED,
                    "value ends before the " + schema.getName() + " record does", e);
        }
        if (e instanceof UnsupportedOperationException) {
            // Avro refuses a declared string or bytes length beyond any array: the value, far
            // shorter, necessarily ends before it
            return new WireFormatException(WireFormatException.Reason.TRUNCATED,
                    "a length declared in the " + schema.getName() + " body is longer than the value", e);
        }
        if (e instanceof OutOfMemoryError) {
            // a corrupt length prefix can ask for a huge array; refuse it rather than die
            return new WireFormatException(WireFormatException.Reason.CORRUPT, "body declares an impossible length", e);
        }
        return new WireFormatException(WireFormatException.Reason.CORRUPT,
                "body does not decode as " + schema.getName() + ": " + brief(e), e);
    }

    /**
     * One thread's writer, buffer and encoder, reused from record to record: creating a datum
     * writer per record and writing through an unbuffered encoder cost more than the encoding.
     */
    private static final class Writing<T> {
        /** A buffer grown past this by one large record is dropped afterwards, not kept. */
        private static final int KEEP_BYTES = 1 << 20;

        private final SpecificDatumWriter<T> writer;
        private final byte[] header = new byte[HEADER_LENGTH];
        private ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        private BinaryEncoder encoder;

        Writing(Schema schema, long fingerprint) {
            writer = new VectorWriter<>(schema);
            header[0] = MAGIC_0;
            header[1] = MAGIC_1;
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) (fingerprint >>> (8 * i));
            }
        }

        byte[] encode(T event) {
            out.reset();
            out.write(header, 0, HEADER_LENGTH);
            encoder = EncoderFactory.get().binaryEncoder(out, encoder);
            try {
                writer.write(event, encoder);
                encoder.flush();
            } catch (IOException e) {
                encoder = null;
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                // bytes of the failed record may still sit in the encoder's buffer
                encoder = null;
                throw e;
            }
            byte[] bytes = out.toByteArray();
            if (bytes.length > KEEP_BYTES) {
                out = new ByteArrayOutputStream(1024);
                encoder = null;
            }
            return bytes;
        }
    }

    private static String brief(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) + "..." : m));
    }

    /** Earlier versions of a schema, oldest first, from the classpath. */
    static java.util.List<Schema> historyOf(String name) {
        java.util.List<Schema> out = new java.util.ArrayList<>();
        for (int v = 1; ; v++) {
            String path = "/io/clipstream/schemas/history/" + name + "-v" + v + ".avsc";
            try (InputStream in = EventCodec.class.getResourceAsStream(path)) {
                if (in == null) {
                    return out;
                }
                out.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
