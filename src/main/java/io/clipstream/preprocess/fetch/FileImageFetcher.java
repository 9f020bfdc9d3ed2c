package io.clipstream.preprocess.fetch;

import io.clipstream.preprocess.ImageRejectedException;
import io.clipstream.preprocess.ImageRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code file:} URIs, when files are enabled: anywhere ({@code fetch.allow-files}) or only
 * under {@code fetch.file-roots}. A path is first checked as written (normalised, so {@code ..}
 * cannot climb out), then as the file system resolves it (real path, so a symlink cannot lead
 * out either). Whatever the file system says about a path that cannot be used (missing, a
 * directory or device, a symlink out of the roots, unreadable) gets one and the same answer, so a
 * producer cannot probe which paths exist.
 */
final class FileImageFetcher {

    private final FetchOptions options;
    private final List<Path> roots = new ArrayList<>();

    FileImageFetcher(FetchOptions options) {
        this.options = options;
        for (String r : options.fileRoots()) {
            roots.add(Path.of(r.strip()).toAbsolutePath().normalize());
        }
    }

    byte[] fetch(URI uri) {
        if (!options.filesEnabled()) {
            throw new ImageRejectedException(Reason.REFUSED, "file references are not allowed ("
                    + FetchOptions.ALLOW_FILES_KEY + "=false and no " + FetchOptions.FILE_ROOTS_KEY + "): " + uri);
        }
        Path path;
        try {
            path = Path.of(uri).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_URI, "not a local file URI: " + uri, e);
        }
        if (!roots.isEmpty() && roots.stream().noneMatch(path::startsWith)) {
            throw new ImageRejectedException(Reason.REFUSED, "file " + path + " is outside "
                    + FetchOptions.FILE_ROOTS_KEY + " " + options.fileRoots());
        }
        Path real;
        try {
            real = path.toRealPath();
            if (!roots.isEmpty() && !underRealRoot(real)) {
                throw notReadable(path);
            }
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw notReadable(path);
            }
            if (attributes.size() > options.maxBytes()) {
                throw tooLarge(path, attributes.size());
            }
            try (InputStream in = Channels.newInputStream(
                    Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                // the file may grow between the size check and the read: read one byte past the limit
                byte[] bytes = in.readNBytes((int) options.maxBytes() + 1);
                if (bytes.length > options.maxBytes()) {
                    throw tooLarge(path, bytes.length);
                }
                return bytes;
            }
        } catch (IOException | SecurityException e) {
            throw notReadable(path);
        }
    }

    private boolean underRealRoot(Path real) throws IOException {
        for (Path root : roots) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    return true;
                }
            } catch (IOException e) {
                // a root that does not exist here holds no file
            }
        }
        return false;
    }

    private static ImageRejectedException notReadable(Path path) {
        return new ImageRejectedException(Reason.NOT_FOUND, "no readable regular file at " + path);
    }

    private ImageRejectedException tooLarge(Path path, long size) {
        return new ImageRejectedException(Reason.TOO_LARGE_BYTES, path + " has more than " + options.maxBytes()
                + " bytes (" + size + " or more; " + FetchOptions.MAX_BYTES_KEY + ")");
    }
}
