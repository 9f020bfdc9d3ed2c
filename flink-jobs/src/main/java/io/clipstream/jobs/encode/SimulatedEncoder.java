package io.clipstream.jobs.encode;

import org.apache.flink.annotation.Internal;
import ai.djl.Device;
import io.clipstream.model.ClipEncoder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for an infinitely fast accelerator, for benchmarks only ({@code bench pipeline}
 * measures the pipeline's own ceiling with it): each call waits a fixed time per batch, then
 * returns the same unit vector for every input. It computes nothing and must never serve a job.
 */
@Internal
public final class SimulatedEncoder implements ClipEncoder {
    private final long nanosPerBatch;
    private final int imageSize;
    private final int dimension;
    private final float[] unit;

    /** An encoder of {@code dimension}-long vectors for {@code imageSize} images, {@code nanosPerBatch} a call. */
    public SimulatedEncoder(long nanosPerBatch, int imageSize, int dimension) {
        this.nanosPerBatch = nanosPerBatch;
        this.imageSize = imageSize;
        this.dimension = dimension;
        this.unit = new float[dimension];
        this.unit[0] = 1f;
    }

    /**
     * A loader of simulated encoders that takes the image size and dimension of the model folder's
     * config, {@code millisPerBatch} per call (0: return at once).
     */
    public static ModelLoader loader(double millisPerBatch) {
        long nanos = (long) (millisPerBatch * 1e6);
        return new Loader(nanos);
    }

    private static final class Loader implements ModelLoader {
        private static final long serialVersionUID = 1L;
        private final long nanos;

        Loader(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public ClipEncoder load(Path modelDir, Device device) {
            io.clipstream.model.ClipConfig config = io.clipstream.model.ModelFolder.readConfig(modelDir);
            return new SimulatedEncoder(nanos, config.vision().imageSize(), config.projectionDim());
        }
    }

    /** It stands for an accelerator: its calls wait, they do not compute on the CPU. */
    @Override
    public boolean onAccelerator() {
        return true;
    }

    private float[][] vectors(int n) {
        if (nanosPerBatch > 0) {
            long end = System.nanoTime() + nanosPerBatch;
            while (System.nanoTime() < end) {
                java.util.concurrent.locks.LockSupport.parkNanos(Math.max(1000, end - System.nanoTime()));
            }
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = unit.clone();
        }
        return out;
    }

    @Override
    public float[][] encodeImages(List<BufferedImage> images) {
        return vectors(images.size());
    }

    @Override
    public float[][] encodePixels(List<float[]> pixels) {
        return vectors(pixels.size());
    }

    @Override
    public float[][] encodeTexts(List<String> texts) {
        return vectors(texts.size());
    }

    @Override
    public float[][] encodeTokens(List<long[]> tokens) {
        return vectors(tokens.size());
    }

    @Override
    public int embeddingDimension() {
        return dimension;
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    @Override
    public float logitScale() {
        return 100f;
    }

    @Override
    public String modelId() {
        return "simulated";
    }

    @Override
    public void close() {}
}
