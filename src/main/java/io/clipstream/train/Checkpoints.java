package io.clipstream.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints under {@code <out>/checkpoints/step-<n>/}: a complete model folder (so any
 * checkpoint can be evaluated or served as is) plus {@code optimizer.bin} (AdamW moments and step
 * count), {@code trainer.json} (the step reached and the loss history) and, when the trainer keeps
 * one, {@code weight-average.bin} (the moving average of the weights; the model folder holds the
 * trained weights, from which training continues). A checkpoint is written
 * to a temporary folder and renamed, so a crash never leaves a half-written one that resume picks.
 */
final class Checkpoints {

    static final String OPTIMIZER = "optimizer.bin";
    static final String STATE = "trainer.json";
    static final String AVERAGE = "weight-average.bin";
    private static final String PREFIX = "step-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    Checkpoints(Path out) {
        this.root = out.resolve("checkpoints");
    }

    /** What a checkpoint restores besides the weights. */
    record State(int step, List<Double> losses) {}

    /** @param average the trainer's weight average, or null if it keeps none */
    void save(int step, TrainingModel model, AdamW optimizer, WeightAverage average, List<Double> losses,
            String clipstreamJson, int keep) throws IOException {
        Path tmp = root.resolve(PREFIX + step + ".tmp");
        deleteTree(tmp);
        model.write(tmp, clipstreamJson);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp.resolve(OPTIMIZER)), 1 << 16))) {
            optimizer.save(out);
        }
        if (average != null) {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp.resolve(AVERAGE)), 1 << 16))) {
                average.save(out);
            }
        }
        ObjectNode state = JSON.createObjectNode();
        state.put("step", step);
        losses.forEach(state.putArray("losses")::add);
        Files.writeString(tmp.resolve(STATE), JSON.writeValueAsString(state));
        Path target = root.resolve(PREFIX + step);
        deleteTree(target);
        Files.move(tmp, target);
        List<Path> all = list();
        for (int i = 0; i < all.size() - Math.max(1, keep); i++) {
            deleteTree(all.get(i));
        }
    }

    /** The newest complete checkpoint, if any. */
    Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    static State readState(Path checkpoint) throws IOException {
        JsonNode node = JSON.readTree(Files.readString(checkpoint.resolve(STATE)));
        List<Double> losses = new ArrayList<>();
        node.path("losses").forEach(l -> losses.add(l.asDouble()));
        return new State(node.path("step").asInt(), losses);
    }

    static void readOptimizer(Path checkpoint, AdamW optimizer) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpoint.resolve(OPTIMIZER)), 1 << 16))) {
            optimizer.load(in);
        }
    }

    /** Restores the weight average of a checkpoint; false (and the average untouched) if it has none. */
    static boolean readAverage(Path checkpoint, WeightAverage average) throws IOException {
        Path file = checkpoint.resolve(AVERAGE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            average.load(in);
        }
        return true;
    }

    private List<Path> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+") && Files.isRegularFile(p.resolve(STATE)))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(PREFIX.length()))))
                    .toList();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
