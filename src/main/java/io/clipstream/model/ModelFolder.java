package io.clipstream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model folder in the Hugging Face CLIP layout: reading its parts with clear errors, and writing
 * one ({@link #writer(Path)}).
 *
 * <p>Weights load only from {@code model.safetensors}; a folder holding only a pickle checkpoint
 * ({@code pytorch_model.bin}) is refused with the command that converts it, because unpickling
 * runs code from the file.
 */
public final class ModelFolder {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String PREPROCESSOR_CONFIG = "preprocessor_config.json";
    public static final String PICKLE_WEIGHTS = "pytorch_model.bin";

    private static final int MAX_PROBLEMS_LISTED = 12;

    private ModelFolder() {}

    /**
     * The checkpoint's own name ({@code _name_or_path} in its {@value #CONFIG}), else the folder's
     * name. Cosmetic: an unreadable config gives the folder's name, and fails at load time with a
     * better message.
     */
    public static String name(Path dir) {
        try {
            JsonNode config = new ObjectMapper().readTree(dir.resolve(CONFIG).toFile());
            if (config.path("_name_or_path").isTextual() && !config.path("_name_or_path").asText().isBlank()) {
                return config.path("_name_or_path").asText();
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the folder's name
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "" : name.toString();
    }

    /** Checks the folder exists and reads its {@code config.json}. */
    public static ClipConfig readConfig(Path dir) {
        requireFolder(dir);
        Path config = dir.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new ModelLoadException("Missing " + CONFIG + " in model folder " + dir.toAbsolutePath());
        }
        return ClipConfig.load(config);
    }

    /** The weights file of a folder; refuses a pickle-only folder with conversion instructions. */
    public static Path weightsFile(Path dir) {
        requireFolder(dir);
        Path weights = dir.resolve(WEIGHTS);
        if (Files.isRegularFile(weights)) {
            return weights;
        }
        if (Files.isRegularFile(dir.resolve(PICKLE_WEIGHTS))) {
            throw new ModelLoadException("Model folder " + dir.toAbsolutePath() + " has only " + PICKLE_WEIGHTS
                    + " (a pickle file, never loaded because unpickling can run code). Convert it once to "
                    + WEIGHTS + " with Python, e.g.: python -c \"from transformers import CLIPModel; "
                    + "CLIPModel.from_pretrained('" + dir + "').save_pretrained('" + dir
                    + "', safe_serialization=True)\"");
        }
        throw new ModelLoadException("Missing " + WEIGHTS + " in model folder " + dir.toAbsolutePath());
    }

    /**
     * Reads the weights onto {@code manager} as float32, ordered as {@link ParameterLayout}; names
     * and shapes are checked against the config before any data is read.
     */
    public static Map<String, NDArray> readParameters(Path dir, ClipConfig config, NDManager manager) {
        Path file = weightsFile(dir);
        Map<String, Shape> expected = ParameterLayout.of(config);
        Map<String, Shape> found = new LinkedHashMap<>();
        Safetensors.readHeader(file).forEach((name, entry) -> found.put(name, entry.shape()));
        checkTensors(expected, found);
        Map<String, NDArray> read = Safetensors.read(file, manager);
        Map<String, NDArray> ordered = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            ordered.put(name, read.remove(name));
        }
        read.values().forEach(NDArray::close);
        return ordered;
    }

    /** Fails with every missing, unexpected or mis-shaped tensor named, if there are any. */
    static void checkTensors(Map<String, Shape> expected, Map<String, Shape> found) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            Shape shape = found.get(e.getKey());
            if (shape == null) {
                problems.add("missing tensor '" + e.getKey() + "' (expected shape " + e.getValue() + ")");
            } else if (!shape.equals(e.getValue())) {
                problems.add("tensor '" + e.getKey() + "' has shape " + shape + " but " + CONFIG + " expects " + e.getValue());
            }
        }
        for (String name : found.keySet()) {
            if (!expected.containsKey(name) && !ParameterLayout.isToleratedBuffer(name)) {
                problems.add("unexpected tensor '" + name + "' (shape " + found.get(name) + ")");
            }
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), MAX_PROBLEMS_LISTED);
            String more = problems.size() > shown ? "; and " + (problems.size() - shown) + " more" : "";
            throw new ModelLoadException(WEIGHTS + " does not match " + CONFIG + ": "
                    + String.join("; ", problems.subList(0, shown)) + more);
        }
    }

    private static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException("Model folder " + dir.toAbsolutePath() + " does not exist or is not a folder");
        }
    }

    /** Starts writing a model folder at {@code dir} (created if absent). */
    public static Writer writer(Path dir) {
        return new Writer(dir);
    }

    /**
     * Writes a folder in the layout {@link ClipModel} reads:
     *
     * <pre>{@code
     * ModelFolder.writer(dir)
     *     .setNetwork(network)                       // config.json + model.safetensors
     *     .setTokenizerJson(tokenizerJsonText)       // tokenizer.json
     *     .setPreprocessorConfigJson(preprocessorText)
     *     .optFile("clipstream.json", metadata)      // any extra file
     *     .write();
     * }</pre>
     */
    public static final class Writer {
        private final Path dir;
        private ClipConfig config;
        private Map<String, NDArray> parameters;
        private String tokenizerJson;
        private String preprocessorConfigJson;
        private final Map<String, String> extraFiles = new LinkedHashMap<>();

        private Writer(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** The config and parameters of a network. */
        public Writer setNetwork(ClipNetwork network) {
            return setParameters(network.config(), network.parameters());
        }

        /** A config and the parameters by transformers name (checked against the config). */
        public Writer setParameters(ClipConfig config, Map<String, NDArray> parameters) {
            this.config = Objects.requireNonNull(config, "config");
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        /** The text of {@code tokenizer.json}. */
        public Writer setTokenizerJson(String json) {
            this.tokenizerJson = Objects.requireNonNull(json, "tokenizer json");
            return this;
        }

        /** The text of {@code preprocessor_config.json}. */
        public Writer setPreprocessorConfigJson(String json) {
            this.preprocessorConfigJson = Objects.requireNonNull(json, "preprocessor config json");
            return this;
        }

        /** Any further file, e.g. {@code tokenizer_config.json} or {@code clipstream.json}. */
        public Writer optFile(String name, String content) {
            if (name.contains("/") || name.contains("\\")) {
                throw new IllegalArgumentException("file name must not contain a path: " + name);
            }
            extraFiles.put(name, content);
            return this;
        }

        /** Writes the folder; the weights go to a temporary file first, then move into place. */
        public Path write() {
            if (config == null || tokenizerJson == null || preprocessorConfigJson == null) {
                throw new IllegalStateException("network/parameters, tokenizer json and preprocessor config are required");
            }
            Map<String, Shape> found = new LinkedHashMap<>();
            parameters.forEach((name, array) -> found.put(name, array.getShape()));
            checkTensors(ParameterLayout.of(config), found);
            try {
                Files.createDirectories(dir);
                Path tmp = dir.resolve(WEIGHTS + ".tmp");
                Safetensors.write(tmp, parameters);
                Files.move(tmp, dir.resolve(WEIGHTS), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(dir.resolve(CONFIG), config.toJson());
                Files.writeString(dir.resolve(TOKENIZER), tokenizerJson);
                Files.writeString(dir.resolve(PREPROCESSOR_CONFIG), preprocessorConfigJson);
                for (Map.Entry<String, String> e : extraFiles.entrySet()) {
                    Files.writeString(dir.resolve(e.getKey()), e.getValue());
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write model folder " + dir, e);
            }
        }
    }
}
