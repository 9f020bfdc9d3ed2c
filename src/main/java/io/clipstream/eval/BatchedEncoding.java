package io.clipstream.eval;

import io.clipstream.model.ClipEncoder;
import java.awt.image.BufferedImage;
import java.util.List;

/** Encodes long lists in batches, so a whole dataset never goes through the model in one call. */
final class BatchedEncoding {

    private BatchedEncoding() {}

    static float[][] texts(ClipEncoder encoder, List<String> texts, int batchSize) {
        float[][] out = new float[texts.size()][];
        for (int start = 0; start < texts.size(); start += batchSize) {
            float[][] part = encoder.encodeTexts(texts.subList(start, Math.min(texts.size(), start + batchSize)));
            System.arraycopy(part, 0, out, start, part.length);
        }
        return out;
    }

    static float[][] images(ClipEncoder encoder, List<BufferedImage> images, int batchSize) {
        float[][] out = new float[images.size()][];
        for (int start = 0; start < images.size(); start += batchSize) {
            float[][] part = encoder.encodeImages(images.subList(start, Math.min(images.size(), start + batchSize)));
            System.arraycopy(part, 0, out, start, part.length);
        }
        return out;
    }
}
