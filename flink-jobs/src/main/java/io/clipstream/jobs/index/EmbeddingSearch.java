package io.clipstream.jobs.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Nearest-neighbour queries against the last commit of an {@link EmbeddingIndex}, through its
 * HNSW graph. Scores are given back as cosines (Lucene's cosine score is {@code (1 + cos) / 2}).
 */
@Internal
public final class EmbeddingSearch implements AutoCloseable {

    /** One hit: the embedded input, its cosine to the query and its correlation key, if any. */
    public record Hit(String sourceId, String modality, String key, String modelId, float cosine) {}

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private EmbeddingSearch(Directory directory, DirectoryReader reader) {
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
    }

    /** Opens the index in {@code dir}; fails with a plain message when there is none. */
    public static EmbeddingSearch open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no index at " + dir + " (build one with 'clipstream index')");
        }
        Directory directory = FSDirectory.open(dir);
        if (!DirectoryReader.indexExists(directory)) {
            directory.close();
            throw new IllegalArgumentException("no index at " + dir + " (build one with 'clipstream index')");
        }
        return new EmbeddingSearch(directory, DirectoryReader.open(directory));
    }

    /** Documents in the index. */
    public int size() {
        return reader.numDocs();
    }

    /** Dimension of the indexed vectors, or 0 when the index is empty. */
    public int dimension() throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(EmbeddingIndex.VECTOR);
            if (values != null) {
                return values.dimension();
            }
        }
        return 0;
    }

    /**
     * The {@code k} nearest embeddings to {@code query} (unit length) by the HNSW graph, best
     * first; {@code modality} ({@code IMAGE}, {@code TEXT}) restricts them, null keeps all.
     */
    public List<Hit> nearest(float[] query, int k, String modality) throws IOException {
        return nearest(query, k, modality, Math.max(k, IndexOptions.SEARCH_CANDIDATES.defaultValue()));
    }

    /**
     * As {@link #nearest(float[], int, String)}, exploring {@code candidates} (at least k) nearest
     * nodes of the graph before the best {@code k} are kept: more is better recall, slower.
     */
    public List<Hit> nearest(float[] query, int k, String modality, int candidates) throws IOException {
        int dim = dimension();
        if (dim == 0) {
            return List.of();
        }
        if (dim != query.length) {
            throw new IllegalArgumentException("the index holds " + dim + "-dimensional vectors, the query has "
                    + query.length + " (a different model?)");
        }
        Query filter = modality == null ? null : new TermQuery(new Term(EmbeddingIndex.MODALITY, modality));
        int explored = Math.max(k, candidates);
        TopDocs top = searcher.search(new KnnFloatVectorQuery(EmbeddingIndex.VECTOR, query, explored, filter), k);
        List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            Document d = searcher.storedFields().document(sd.doc);
            hits.add(new Hit(d.get(EmbeddingIndex.SOURCE_ID), d.get(EmbeddingIndex.MODALITY), d.get(EmbeddingIndex.KEY),
                    d.get(EmbeddingIndex.MODEL_ID), 2 * sd.score - 1));
        }
        return hits;
    }

    /** How many live documents carry this modality and source id (1 in a consistent index). */
    public int count(String modality, String sourceId) throws IOException {
        return searcher.count(new TermQuery(EmbeddingIndex.uid(modality, sourceId)));
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            directory.close();
        }
    }
}
