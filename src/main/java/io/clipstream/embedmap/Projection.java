package io.clipstream.embedmap;

import java.util.Locale;
import tagbio.umap.Umap;

/**
 * Projects vectors to two dimensions. {@link #umap} uses the tagbio UMAP implementation (McInnes
 * et al.'s algorithm in Java); {@link #pca} is the linear fallback, two principal components by
 * power iteration, for sets too small for a neighbour graph.
 */
public interface Projection {

    /** Coordinates {@code [n][2]}. */
    float[][] project(float[][] vectors);

    /** Name shown on the map, e.g. {@code UMAP (15 neighbours)} or {@code PCA}. */
    String name();

    /** UMAP with {@code neighbours} nearest neighbours and a fixed seed (single-threaded, so repeatable). */
    static Projection umap(int neighbours, long seed) {
        return new Projection() {
            @Override
            public float[][] project(float[][] vectors) {
                if (vectors.length <= neighbours) {
                    throw new IllegalArgumentException("UMAP with " + neighbours + " neighbours needs more than "
                            + neighbours + " points, got " + vectors.length + "; use PCA for so few");
                }
                Umap umap = new Umap();
                umap.setNumberComponents(2);
                umap.setNumberNearestNeighbours(neighbours);
                umap.setMetric("cosine");
                umap.setSeed(seed);
                umap.setThreads(1);
                umap.setVerbose(false);
                return umap.fitTransform(vectors);
            }

            @Override
            public String name() {
                return String.format(Locale.ROOT, "UMAP (%d neighbours, cosine)", neighbours);
            }
        };
    }

    /** The first two principal components. */
    static Projection pca() {
        return new Projection() {
            @Override
            public float[][] project(float[][] vectors) {
                return Pca.project(vectors, 2);
            }

            @Override
            public String name() {
                return "PCA (first two principal components)";
            }
        };
    }
}
