package io.clipstream.preprocess;

import io.clipstream.model.ClipModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far {@link PreprocessMode#FAST} moves pixels and embeddings away from the exact ones on a
 * set of photos: the mean absolute change of the normalised pixel values, and, with a model, the
 * largest and the mean cosine change {@code 1 - cos(exact, fast)} of the image embeddings.
 */
final class PreprocessDrift {
    private PreprocessDrift() {}

    static void print(List<byte[]> photos, ImageDecoder decoder, ClipImageProcessor processor, Path model) {
        List<float[]> exact = new ArrayList<>();
        List<float[]> fast = new ArrayList<>();
        double pixelDrift = 0;
        long values = 0;
        for (byte[] photo : photos) {
            float[] e = processor.preprocess(PreprocessMode.EXACT.decode(decoder, processor, photo));
            float[] f = processor.preprocess(PreprocessMode.FAST.decode(decoder, processor, photo));
            for (int i = 0; i < e.length; i++) {
                pixelDrift += Math.abs(e[i] - f[i]);
            }
            values += e.length;
            exact.add(e);
            fast.add(f);
        }
        System.out.printf(Locale.ROOT, "fast vs exact pixels: mean |change| %.4f (normalised units; one 8-bit level is about %.4f)%n",
                pixelDrift / values, 1 / 255.0 / 0.27);
        if (model == null) {
            System.out.println("(give --model DIR to compare the embeddings too)");
            return;
        }
        try (ClipModel clip = ClipModel.load(model)) {
            double max = 0;
            double sum = 0;
            for (int from = 0; from < photos.size(); from += 16) {
                int to = Math.min(photos.size(), from + 16);
                float[][] a = clip.encodePixels(exact.subList(from, to));
                float[][] b = clip.encodePixels(fast.subList(from, to));
                for (int i = 0; i < a.length; i++) {
                    double change = 1 - dot(a[i], b[i]);
                    max = Math.max(max, change);
                    sum += change;
                }
            }
            System.out.printf(Locale.ROOT, "fast vs exact embeddings (%s, %d photos): cosine change largest %.6f, mean %.6f%n",
                    model, photos.size(), max, sum / photos.size());
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
