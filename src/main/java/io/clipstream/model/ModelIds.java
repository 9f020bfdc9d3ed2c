package io.clipstream.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Model ids: the model's name plus a short hash of the weights, so retrained weights get a new id.
 * The name is the {@code model_id} of the folder's {@value #METADATA} (which {@code clipstream train
 * --model-id} writes), else the folder's name.
 */
final class ModelIds {
    private static final int HASH_BYTES = 4;

    /** The project's own metadata file in a model folder. */
    static final String METADATA = "clipstream.json";

    private ModelIds() {}

    static String of(Path modelDir, Path weights) {
        return name(modelDir) + "-" + shortHash(weights);
    }

    static String name(Path modelDir) {
        Path metadata = modelDir.resolve(METADATA);
        if (Files.isRegularFile(metadata)) {
            try {
                JsonNode id = new ObjectMapper().readTree(metadata.toFile()).path("model_id");
                if (id.isTextual() && !id.asText().isBlank()) {
                    return id.asText();
                }
            } catch (IOException e) {
                // the metadata is optional: an unreadable file leaves the folder's name
            }
        }
        Path name = modelDir.toAbsolutePath().normalize().getFileName();
        return name == null ? "model" : name.toString();
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
