package io.clipstream.jobs.encode;

import io.clipstream.jobs.runtime.RandomCheckpoint;
import io.clipstream.model.ModelFolder;
import io.clipstream.model.TokenizerFiles;
import io.clipstream.preprocess.ClipTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A tiny random CLIP checkpoint (real model folder, real DJL inference) shared by the operator tests. */
public final class TinyModels {

    /** The words the checkpoint's tokenizer knows. */
    public static final List<String> WORDS =
            List.of("a", "photo", "of", "the", "cat", "dog", "car", "red", "blue", "drawing", "sketch", "small", "big");

    private static Path dir;
    private static ClipTokenizer tokenizer;

    private TinyModels() {}

    /** The checkpoint folder, written once per test JVM. */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path tmp = Files.createTempDirectory("clipstream-ops-model");
                tmp.toFile().deleteOnExit();
                dir = RandomCheckpoint.write(tmp.resolve("tiny"), WORDS, 42L);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** {@code text} tokenised as the tokenize stage tokenises it, with the checkpoint's own tokenizer. */
    public static synchronized int[] tokens(String text) {
        if (tokenizer == null) {
            tokenizer = TokenizerFiles.load(dir(), ModelFolder.readConfig(dir()));
        }
        return Arrays.stream(tokenizer.encode(text)).mapToInt(Math::toIntExact).toArray();
    }

    /** Deterministic pixel values of the checkpoint's size ({@code 3 * 32 * 32}). */
    public static float[] pixels(long seed) {
        Random random = new Random(seed);
        float[] p = new float[3 * 32 * 32];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        return p;
    }

    /**
     * Encoder options on the CPU for the tiny checkpoint. Without the share of a measured batch time in the delay: tests
     * of batching by time then depend on the manual clock alone, not on how fast the machine runs the model.
     */
    public static EncoderOptions.Builder options() {
        return EncoderOptions.builder().setModelDir(dir().toString()).optDevice("cpu").optMaxDelayShare(0);
    }
}
