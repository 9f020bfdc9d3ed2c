package io.clipstream.dataset;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Streams the regular files of a {@code .tar.gz} archive (ustar, with pax and GNU long names), as
 * npm packs them. Only the entries the caller selects are read into memory; the rest are skipped,
 * so a 100 MB package costs one pass and little heap.
 */
final class TarGzReader {

    /** Receives one selected file. */
    interface EntryHandler {
        void accept(String name, byte[] content) throws IOException;
    }

    private static final int BLOCK = 512;

    private TarGzReader() {}

    static void read(Path archive, Predicate<String> select, EntryHandler handler) throws IOException {
        try (InputStream raw = Files.newInputStream(archive);
                DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    return;
                }
                if (isZero(header)) {
                    return;
                }
                long size = parseOctal(header, 124, 12);
                char type = (char) header[156];
                String name = longName != null ? longName : headerName(header);
                longName = null;
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if (type == 'x' || type == 'L') {
                    byte[] meta = readBytes(in, size);
                    skip(in, padded - size);
                    longName = type == 'L' ? cString(meta, 0, meta.length) : paxPath(meta);
                } else if ((type == '0' || type == '\0') && select.test(name)) {
                    byte[] content = readBytes(in, size);
                    skip(in, padded - size);
                    handler.accept(name, content);
                } else {
                    skip(in, padded);
                }
            }
        }
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(byte[] meta) {
        // records look like "<len> path=<value>\n"
        for (String record : new String(meta, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 6);
            }
        }
        return null;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long parseOctal(byte[] b, int off, int len) throws IOException {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == 0 || c == ' ') {
                if (v > 0) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new IOException("bad tar header: size field is not octal");
            }
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readBytes(DataInputStream in, long size) throws IOException {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("tar entry too large: " + size);
        }
        byte[] data = new byte[(int) size];
        in.readFully(data);
        return data;
    }

    private static void skip(DataInputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("truncated tar archive");
                }
                s = 1;
            }
            left -= s;
        }
    }
}
