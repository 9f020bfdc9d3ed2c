package io.clipstream.jobs.index;

import io.clipstream.schemas.EmbeddingEvent;
import io.clipstream.schemas.Modality;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Recall@k of the HNSW index against exact search: random unit vectors are indexed, and for each
 * random query the ids the graph returns are compared with the true k nearest by brute force.
 */
public final class RecallBenchmark {

    /** What one run measured. */
    public record Result(int vectors, int dimension, int queries, int k, double recall, double indexSeconds,
            double hnswMsPerQuery, double exactMsPerQuery) {}

    private RecallBenchmark() {}

    /** Builds an index of {@code vectors} random unit vectors in {@code dir} and measures recall@k. */
    public static Result run(Path dir, int vectors, int dimension, int queries, int k, int maxConnections, int beamWidth,
            long seed) throws IOException {
        Random random = new Random(seed);
        float[][] data = new float[vectors][];
        long start = System.nanoTime();
        try (EmbeddingIndex index = EmbeddingIndex.open(dir, maxConnections, beamWidth)) {
            for (int i = 0; i < vectors; i++) {
                data[i] = unit(random, dimension);
                index.upsert(event("v" + i, data[i]));
            }
            index.commit(Map.of());
        }
        double indexSeconds = (System.nanoTime() - start) / 1e9;
        long hnswNanos = 0;
        long exactNanos = 0;
        long found = 0;
        try (EmbeddingSearch search = EmbeddingSearch.open(dir)) {
            for (int q = 0; q < queries; q++) {
                float[] query = unit(random, dimension);
                long t0 = System.nanoTime();
                Set<String> approximate = new HashSet<>();
                for (EmbeddingSearch.Hit h : search.nearest(query, k, null)) {
                    approximate.add(h.sourceId());
                }
                long t1 = System.nanoTime();
                Set<String> exact = exactNearest(data, query, k);
                long t2 = System.nanoTime();
                hnswNanos += t1 - t0;
                exactNanos += t2 - t1;
                for (String id : exact) {
                    if (approximate.contains(id)) {
                        found++;
                    }
                }
            }
        }
        return new Result(vectors, dimension, queries, k, found / (double) (queries * k), indexSeconds,
                hnswNanos / 1e6 / queries, exactNanos / 1e6 / queries);
    }

    /** The ids of the k largest dot products (the cosine of unit vectors), by a full scan. */
    static Set<String> exactNearest(float[][] data, float[] query, int k) {
        int[] best = new int[k];
        float[] bestScore = new float[k];
        java.util.Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < data.length; i++) {
            float s = 0;
            float[] v = data[i];
            for (int d = 0; d < v.length; d++) {
                s += v[d] * query[d];
            }
            if (s > bestScore[k - 1]) {
                int at = k - 1;
                while (at > 0 && bestScore[at - 1] < s) {
                    bestScore[at] = bestScore[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                bestScore[at] = s;
                best[at] = i;
            }
        }
        Set<String> ids = new HashSet<>();
        for (int i : best) {
            ids.add("v" + i);
        }
        return ids;
    }

    private static EmbeddingEvent event(String id, float[] v) {
        List<Float> list = new ArrayList<>(v.length);
        for (float x : v) {
            list.add(x);
        }
        return EmbeddingEvent.newBuilder().setSourceId(id).setModality(Modality.IMAGE).setVector(list)
                .setDimension(v.length).setModelId("random").build();
    }

    private static float[] unit(Random random, int dimension) {
        float[] v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
