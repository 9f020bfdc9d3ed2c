package io.clipstream.preprocess.fetch;

import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code file:} URIs, refusing files over the byte limit before and while reading. */
final class FileImageFetcher {

    private final long maxBytes;

    FileImageFetcher(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] fetch(URI uri) {
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "not a local file URI: " + uri, e);
        }
        if (!Files.exists(path)) {
            throw new ImageRejectedException(Reason.NOT_FOUND, "no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new ImageRejectedException(Reason.NOT_FOUND, "not a regular file: " + path);
        }
        try {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw tooLarge(path, size);
            }
            try (InputStream in = Files.newInputStream(path)) {
                // the file may grow between the size check and the read: read one byte past the limit
                byte[] bytes = in.readNBytes((int) maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw tooLarge(path, bytes.length);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new ImageRejectedException(Reason.NOT_FOUND, "no such file: " + path, e);
        } catch (AccessDeniedException e) {
            throw new ImageRejectedException(Reason.FORBIDDEN, "file cannot be read: " + path, e);
        } catch (IOException e) {
            throw new ImageRejectedException(Reason.FETCH_FAILED, "reading " + path + " failed: " + e, e);
        }
    }

    private ImageRejectedException tooLarge(Path path, long size) {
        return new ImageRejectedException(Reason.TOO_LARGE_BYTES,
                path + " has more than " + maxBytes + " bytes (" + size + " or more)");
    }
}
