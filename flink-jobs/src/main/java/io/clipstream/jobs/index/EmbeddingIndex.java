package io.clipstream.jobs.index;

import io.clipstream.schemas.EmbeddingEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The writable side of the on-disk vector index: one Lucene document per embedding, its vector in
 * an HNSW graph ({@link KnnFloatVectorField}, cosine). A document is identified by the unique term
 * {@code modality/sourceId} and written with {@code updateDocument}, so an embedding read twice is
 * stored once. Each {@link #commit} stores the consumed Kafka positions in the commit's user data,
 * atomically with the documents, which is where a restarted indexer resumes.
 *
 * <pre>{@code
 * try (EmbeddingIndex index = EmbeddingIndex.open(dir, 16, 100)) {
 *     Map<String, String> resumeAt = index.committedUserData();
 *     index.upsert(event);
 *     index.commit(Map.of("offset.clipstream.embeddings.0", "42"));
 * }
 * }</pre>
 */
@Internal
public final class EmbeddingIndex implements AutoCloseable {
    /** Unique term of a document: {@code MODALITY/sourceId}. */
    public static final String UID = "uid";
    public static final String SOURCE_ID = "sourceId";
    public static final String MODALITY = "modality";
    public static final String KEY = "key";
    public static final String MODEL_ID = "modelId";
    public static final String VECTOR = "vector";

    private final Directory directory;
    private final IndexWriter writer;

    private EmbeddingIndex(Directory directory, IndexWriter writer) {
        this.directory = directory;
        this.writer = writer;
    }

    /** Opens (or creates) the index in {@code dir} with the given HNSW graph parameters. */
    public static EmbeddingIndex open(Path dir, int maxConnections, int beamWidth) throws IOException {
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(maxConnections, beamWidth);
        IndexWriterConfig config = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                })
                // commits happen when the indexer says so, with the offsets; never on a flush
                .setCommitOnClose(false)
                .setRAMBufferSizeMB(64);
        try {
            return new EmbeddingIndex(directory, new IndexWriter(directory, config));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** The unique term of an embedding. */
    public static Term uid(CharSequence modality, CharSequence sourceId) {
        return new Term(UID, modality + "/" + sourceId);
    }

    /** Adds the embedding, or replaces the document of the same modality and source id. */
    public void upsert(EmbeddingEvent event) throws IOException {
        float[] vector = new float[event.getVector().size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = event.getVector().get(i);
        }
        Term uid = uid(event.getModality().name(), event.getSourceId());
        Document doc = new Document();
        doc.add(new StringField(UID, uid.text(), Field.Store.NO));
        doc.add(new StoredField(SOURCE_ID, event.getSourceId().toString()));
        doc.add(new StringField(MODALITY, event.getModality().name(), Field.Store.YES));
        if (event.getKey() != null) {
            doc.add(new StoredField(KEY, event.getKey().toString()));
        }
        doc.add(new StoredField(MODEL_ID, event.getModelId().toString()));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        writer.updateDocument(uid, doc);
    }

    /** Makes every document so far durable together with {@code userData} (the consumed positions). */
    public void commit(Map<String, String> userData) throws IOException {
        writer.setLiveCommitData(new HashMap<>(userData).entrySet());
        writer.commit();
    }

    /** The user data of the last commit; empty for a new index. */
    public Map<String, String> committedUserData() throws IOException {
        return committedUserData(directory);
    }

    /** The user data of the last commit in {@code dir}; empty when it holds no index. */
    public static Map<String, String> committedUserData(Directory dir) throws IOException {
        if (!DirectoryReader.indexExists(dir)) {
            return Map.of();
        }
        return SegmentInfos.readLatestCommit(dir).getUserData();
    }

    /** The documents of the last commit. */
    public int committedCount() throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return 0;
        }
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.numDocs();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            // without commit-on-close, rollback drops what the last commit does not hold
            writer.rollback();
        } finally {
            directory.close();
        }
    }
}
