package io.clipstream.jobs.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code match_threshold} that calibration stored in a model folder's {@code clipstream.json}. */
final class CalibratedThreshold {

    static final String FILE = "clipstream.json";
    static final String FIELD = "match_threshold";

    private CalibratedThreshold() {}

    static Optional<Float> read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode value = new ObjectMapper().readTree(file.toFile()).get(FIELD);
            return value != null && value.isNumber() ? Optional.of(value.floatValue()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
