package io.clipstream.jobs.sink;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The {@code ce_id} of a record: the name-based (version 3, MD5) UUID of its value bytes, exactly
 * what {@link UUID#nameUUIDFromBytes} gives, without looking the digest up per record.
 */
final class ContentIds {
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    });

    private ContentIds() {}

    /** The same string as {@code UUID.nameUUIDFromBytes(value).toString()}. */
    static String nameUuid(byte[] value) {
        MessageDigest md5 = MD5.get();
        md5.reset();
        byte[] h = md5.digest(value);
        h[6] = (byte) ((h[6] & 0x0f) | 0x30);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        return new UUID(longAt(h, 0), longAt(h, 8)).toString();
    }

    private static long longAt(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
