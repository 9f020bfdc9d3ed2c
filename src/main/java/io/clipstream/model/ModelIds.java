package io.clipstream.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Model ids: the folder name plus a short hash of the weights, so retrained weights get a new id. */
final class ModelIds {
    private static final int HASH_BYTES = 4;

    private ModelIds() {}

    static String of(Path modelDir, Path weights) {
        Path name = modelDir.toAbsolutePath().normalize().getFileName();
        return (name == null ? "model" : name.toString()) + "-" + shortHash(weights);
    }

    static String shortHash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            byte[] hash = digest.digest();
            return HexFormat.of().formatHex(hash, 0, HASH_BYTES);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
