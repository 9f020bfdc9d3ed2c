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
import org.apache.flink.annotation.Internal;

/**
 * Recall@k of the HNSW index against exact search: random unit vectors are indexed, and for each
 * random query the ids the graph returns are compared with the true k nearest by brute force.
 */
@Internal
public final class RecallBenchmark {

    /** What one run measured. */
    public record Result(int vectors, int dimension, int queries, int k, int candidates, double recall, double indexSeconds,
            double hnswMsPerQuery, double exactMsPerQuery) {}

    private RecallBenchmark() {}

    /** Builds an index of {@code vectors} random unit vectors in {@code dir} and measures recall@k. */
    public static List<Result> run(Path dir, int vectors, int dimension, int queries, int k, int maxConnections, int beamWidth,
            List<Integer> candidates, long seed) throws IOException {
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
        float[][] queryVectors = new float[queries][];
        List<Set<String>> exact = new ArrayList<>();
        long exactStart = System.nanoTime();
        for (int q = 0; q < queries; q++) {
            queryVectors[q] = unit(random, dimension);
            exact.add(exactNearest(data, queryVectors[q], k));
        }
        double exactMs = (System.nanoTime() - exactStart) / 1e6 / queries;
        List<Result> results = new ArrayList<>();
        try (EmbeddingSearch search = EmbeddingSearch.open(dir)) {
            for (int c : candidates) {
                long found = 0;
                long t0 = System.nanoTime();
                for (int q = 0; q < queries; q++) {
                    for (EmbeddingSearch.Hit h : search.nearest(queryVectors[q], k, null, c)) {
                        if (exact.get(q).contains(h.sourceId())) {
                            found++;
                        }
                    }
                }
                double hnswMs = (System.nanoTime() - t0) / 1e6 / queries;
                results.add(new Result(vectors, dimension, queries, k, Math.max(k, c), found / (double) (queries * k),
                        indexSeconds, hnswMs, exactMs));
            }
        }
        return results;
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
