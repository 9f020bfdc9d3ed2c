package io.clipstream.train;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.clipstream.dataset.CaptionDataset;
import io.clipstream.eval.Retrieval;
import io.clipstream.model.ClipNetwork;
import io.clipstream.preprocess.ClipImageProcessor;
import java.util.HashMap;

import java.util.Locale;
import java.util.Map;

/**
 * Recall@1 of the network being trained on a held-out dataset (each image against its label),
 * computed straight from the training forward so progress can be watched at every checkpoint.
 */
final class NetworkRetrieval {

    private static final int BATCH = 256;

    private final float[][] pixels;
    private final long[][] ids;
    private final int[] classes;
    private final int imageSize;

    NetworkRetrieval(CaptionDataset data, ClipImageProcessor processor, HuggingFaceTokenizer tokenizer) {
        int n = data.size();
        pixels = new float[n][];
        ids = new long[n][];
        classes = new int[n];
        imageSize = processor.cropSize();
        Map<String, Integer> ids0 = new HashMap<>();
        for (int i = 0; i < n; i++) {
            pixels[i] = processor.preprocess(data.images().get(i));
            String label = data.entries().get(i).label();
            ids[i] = tokenizer.encode(label).getIds();
            classes[i] = ids0.computeIfAbsent(label.toLowerCase(Locale.ROOT), k -> ids0.size());
        }
    }

    /** {image→text R@1, text→image R@1, image→text R@5, text→image R@5}. */
    double[] evaluate(ClipNetwork network) {
        float[][] img = new float[pixels.length][];
        float[][] txt = new float[pixels.length][];
        int plane = 3 * imageSize * imageSize;
        for (int start = 0; start < pixels.length; start += BATCH) {
            int b = Math.min(BATCH, pixels.length - start);
            try (NDManager m = network.manager().newSubManager()) {
                float[] px = new float[b * plane];
                int length = 0;
                for (int k = 0; k < b; k++) {
                    System.arraycopy(pixels[start + k], 0, px, k * plane, plane);
                    length = Math.max(length, ids[start + k].length);
                }
                long[] flat = new long[b * length];
                for (int k = 0; k < b; k++) {
                    System.arraycopy(ids[start + k], 0, flat, k * length, ids[start + k].length);
                }
                NDArray fi = ContrastiveLoss.normalize(network.imageFeatures(m.create(px, new Shape(b, 3, imageSize, imageSize))));
                NDArray ft = ContrastiveLoss.normalize(network.textFeatures(m.create(flat, new Shape(b, length))));
                copyRows(fi, img, start);
                copyRows(ft, txt, start);
            }
        }
        float[][] sim = Retrieval.similarity(img, txt);
        int[] i2t = Retrieval.ranks(sim, classes, classes);
        int[] t2i = Retrieval.ranks(Retrieval.transpose(sim), classes, classes);
        return new double[] {Retrieval.recallAt(i2t, 1), Retrieval.recallAt(t2i, 1), Retrieval.recallAt(i2t, 5), Retrieval.recallAt(t2i, 5)};
    }

    private static void copyRows(NDArray features, float[][] into, int start) {
        long d = features.getShape().get(1);
        float[] flat = features.toFloatArray();
        for (int k = 0; k < flat.length / d; k++) {
            into[start + k] = java.util.Arrays.copyOfRange(flat, (int) (k * d), (int) ((k + 1) * d));
        }
    }

}
