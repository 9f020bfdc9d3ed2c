package io.clipstream.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and updates a model folder's {@code clipstream.json} (project metadata next to the
 * Hugging Face files): fields already there, such as the training summary, are kept.
 */
public final class ModelMetadata {

    /** File name inside the model folder. */
    public static final String FILE = "clipstream.json";
    /** Key of the calibrated MATCH threshold (a cosine). */
    public static final String MATCH_THRESHOLD = "match_threshold";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelMetadata() {}

    /** Sets {@code match_threshold} and a short calibration summary, keeping every other field. */
    public static void writeThreshold(Path modelDir, EvalResult result) throws IOException {
        Path file = modelDir.resolve(FILE);
        ObjectNode root = Files.isRegularFile(file) && JSON.readTree(file.toFile()) instanceof ObjectNode o ? o : JSON.createObjectNode();
        ThresholdCalibration.Point best = result.calibration().best();
        root.put(MATCH_THRESHOLD, Math.round(best.threshold() * 1e4) / 1e4);
        ObjectNode cal = root.putObject("calibration");
        cal.put("dataset", result.dataset());
        cal.put("f1", Math.round(best.f1() * 1e4) / 1e4);
        cal.put("precision", Math.round(best.precision() * 1e4) / 1e4);
        cal.put("recall", Math.round(best.recall() * 1e4) / 1e4);
        cal.put("matched_pairs", result.calibration().matchedCount());
        cal.put("mismatched_pairs", result.calibration().mismatchedCount());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** The stored threshold, or {@code Double.NaN} when the folder has none. */
    public static double readThreshold(Path modelDir) throws IOException {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Double.NaN;
        }
        return JSON.readTree(file.toFile()).path(MATCH_THRESHOLD).asDouble(Double.NaN);
    }
}
