package io.clipstream.embedmap;

import io.clipstream.dataset.CaptionDataset;
import io.clipstream.model.ClipEncoder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The images of a dataset and their labels (as texts), encoded by one model and projected together
 * to two dimensions, so both modalities share one map. Item {@code i} appears twice: as image and
 * as text. The modality gap (Liang et al., 2022) is the distance between the centroids of the
 * image and the text embeddings, measured in the embedding space, not on the map.
 *
 * <pre>{@code
 * EmbeddingMap map = EmbeddingMap.of(encoder, CaptionDataset.load(dir), 500, Projection.umap(15, 7), 64);
 * EmbeddingMapWriter.write(map, Path.of("maps"));
 * }</pre>
 *
 * @param points every point, images first, then texts, item-parallel
 * @param projection the name of the projection used
 * @param modalityGap distance between the image centroid and the text centroid
 * @param model the model's id
 * @param dataset the dataset's name
 */
public record EmbeddingMap(List<Point> points, String projection, double modalityGap, String model, String dataset) {

    /** Thumbnail side in pixels. */
    static final int THUMBNAIL = 64;

    /**
     * One point of the map.
     *
     * @param x map coordinate
     * @param y map coordinate
     * @param image true for an image, false for a text
     * @param caption the item's label
     * @param thumbnail a PNG data URI of the image (for both of the item's points)
     * @param item index of the item
     */
    public record Point(float x, float y, boolean image, String caption, String thumbnail, int item) {}

    /**
     * Encodes at most {@code limit} entries (evenly spaced over the dataset) and projects them.
     * Projections that need more points than there are fall back to PCA, and the map says so.
     */
    public static EmbeddingMap of(ClipEncoder encoder, CaptionDataset data, int limit, Projection projection, int batchSize) {
        int n = Math.min(limit, data.size());
        if (n < 2) {
            throw new IllegalArgumentException("an embedding map needs at least 2 items, the dataset has " + data.size());
        }
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int i = (int) ((long) k * data.size() / n);
            images.add(data.images().get(i));
            captions.add(data.entries().get(i).label());
        }
        float[][] vectors = new float[2 * n][];
        for (int s = 0; s < n; s += batchSize) {
            int e = Math.min(n, s + batchSize);
            float[][] iv = encoder.encodeImages(images.subList(s, e));
            float[][] tv = encoder.encodeTexts(captions.subList(s, e));
            for (int k = s; k < e; k++) {
                vectors[k] = iv[k - s];
                vectors[n + k] = tv[k - s];
            }
        }
        float[][] xy;
        String name;
        try {
            xy = projection.project(vectors);
            name = projection.name();
        } catch (IllegalArgumentException tooFew) {
            Projection pca = Projection.pca();
            xy = pca.project(vectors);
            name = pca.name() + ", fallback: " + tooFew.getMessage();
        }
        List<Point> points = new ArrayList<>();
        List<String> thumbs = images.stream().map(EmbeddingMap::thumbnail).toList();
        for (int p = 0; p < 2 * n; p++) {
            int item = p % n;
            points.add(new Point(xy[p][0], xy[p][1], p < n, captions.get(item), thumbs.get(item), item));
        }
        return new EmbeddingMap(points, name, gap(vectors, n), encoder.modelId(), data.folder().getFileName().toString());
    }

    static double gap(float[][] vectors, int n) {
        int d = vectors[0].length;
        double s = 0;
        for (int j = 0; j < d; j++) {
            double a = 0;
            double b = 0;
            for (int i = 0; i < n; i++) {
                a += vectors[i][j];
                b += vectors[n + i][j];
            }
            double diff = (a - b) / n;
            s += diff * diff;
        }
        return Math.sqrt(s);
    }

    private static String thumbnail(BufferedImage image) {
        double f = (double) THUMBNAIL / Math.max(image.getWidth(), image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * f));
        int h = Math.max(1, (int) Math.round(image.getHeight() * f));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(small, "png", out);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
