package io.clipstream.jobs.pipeline;

import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.LabelEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Malformed inputs of every kind the pipeline must turn into dead letters. */
final class BadInputs {
    private BadInputs() {}

    static byte[] notAvro() {
        return "{\"captionId\":\"json-instead-of-avro\"}".getBytes(StandardCharsets.UTF_8);
    }

    /** A valid single-object value of another schema (a label on the captions topic). */
    static byte[] wrongSchema() {
        return EventCodec.of(LabelEvent.class).encode(LabelEvent.newBuilder().setVocabulary("v").setLabel("l").build());
    }

    static byte[] truncated(byte[] good) {
        return Arrays.copyOf(good, good.length / 2);
    }

    static byte[] imageRef(String id, String uri) {
        return EventCodec.of(ImageEvent.class).encode(ImageEvent.newBuilder().setImageId(id)
                .setImage(new ImageReference(uri)).setEventTime(Instant.now()).build());
    }

    static byte[] imageInline(String id, byte[] bytes) {
        return EventCodec.of(ImageEvent.class).encode(ImageEvent.newBuilder().setImageId(id)
                .setImage(new InlineImage(ByteBuffer.wrap(bytes), null)).setEventTime(Instant.now()).build());
    }

    /** A PNG whose header declares 100000 x 100000 pixels in a few hundred bytes: a decompression bomb. */
    static byte[] pngBomb() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(out);
            d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(100_000);
            h.writeInt(100_000);
            h.write(new byte[] {8, 2, 0, 0, 0});
            chunk(d, "IHDR", ihdr.toByteArray());
            Deflater deflater = new Deflater(9);
            deflater.setInput(new byte[300_001]);
            deflater.finish();
            byte[] buf = new byte[4096];
            int n = deflater.deflate(buf);
            chunk(d, "IDAT", Arrays.copyOf(buf, n));
            chunk(d, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real PNG cut after its header: known format, unreadable data. */
    static byte[] corruptPng(byte[] png) {
        byte[] cut = Arrays.copyOf(png, Math.min(png.length, 60));
        return cut;
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
