package io.clipstream.jobs.tag;

import io.clipstream.align.ScoringRule;
import ai.djl.Device;
import io.clipstream.align.Similarity;
import io.clipstream.align.TopK;
import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.deadletter.Stage;
import io.clipstream.jobs.encode.DeviceSelector;
import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.encode.SharedModels;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.LabelScore;
import io.clipstream.jobs.event.LabelUpdate;
import io.clipstream.jobs.event.TagResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Tags encoded images (first input) with the labels of their vocabulary; label updates (broadcast
 * input) change the vocabularies while the job runs.
 *
 * <p>A label update's prompts, tokenised by the label stage before the broadcast, are encoded once
 * per process when it arrives (every subtask receives
 * it; the first encodes with the shared model, the others reuse the vector), and the label's
 * vector is kept in the broadcast state {@link #LABELS}, so it is checkpointed and restored
 * without re-encoding. Each image gets the labels of its vocabulary ranked by cosine, with
 * probabilities by the model family's rule ({@code softmax(logitScale * cosine)} over the whole
 * vocabulary, or SigLIP's per-label sigmoid), at most
 * {@code topK} of them and only those reaching both minimums. An image whose vocabulary has no
 * labels, and a label update that cannot be applied, leave through {@link DeadLetters#TAG}.
 */
@Internal
public class TaggingFunction extends BroadcastProcessFunction<EncodedImage, LabelUpdate, TagResult> {

    /** The stage name on refused records. */
    public static final String STAGE = "tag";

    /** Broadcast state: {@code vocabulary + '\u0000' + label} to the label's vector. */
    public static final MapStateDescriptor<String, LabelEmbedding> LABELS =
            new MapStateDescriptor<>("labels", Types.STRING, TypeInformation.of(LabelEmbedding.class));

    private static final long serialVersionUID = 1L;

    private final TagOptions options;
    private final EncoderOptions encoderOptions;
    private final ModelLoader loader;

    private transient SharedModels.Lease lease;
    /** Vocabularies as matrices, rebuilt from the broadcast state after each change. */
    private transient Map<String, Vocabulary> vocabularies;

    public TaggingFunction(TagOptions options, EncoderOptions encoderOptions, ModelLoader loader) {
        this.options = Objects.requireNonNull(options, "options");
        this.encoderOptions = Objects.requireNonNull(encoderOptions, "encoderOptions");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public void open(OpenContext context) throws Exception {
        Device device = DeviceSelector.select(encoderOptions.device(),
                getRuntimeContext().getExternalResourceInfos(DeviceSelector.GPU_RESOURCE));
        lease = SharedModels.acquire(Path.of(encoderOptions.modelDir()), device, encoderOptions.halfPrecision(),
                loader);
        vocabularies = new HashMap<>();
    }

    @Override
    public void processBroadcastElement(LabelUpdate update, Context ctx, Collector<TagResult> out) throws Exception {
        String id = update.vocabulary + "/" + update.label;
        if (isBlank(update.vocabulary) || isBlank(update.label)) {
            ctx.output(DeadLetters.TAG, DeadLetters.refusal(update.provenance, Stage.TAG, DeadLetterReason.INVALID_FIELD,
                    id, "a label update needs a vocabulary and a label"));
            return;
        }
        BroadcastState<String, LabelEmbedding> labels = ctx.getBroadcastState(LABELS);
        String key = key(update.vocabulary, update.label);
        if (update.deleted) {
            labels.remove(key);
        } else {
            float[] vector;
            try {
                vector = PromptVectors.of(lease.model(), update.label, update.templates, update.promptTokens);
            } catch (IllegalArgumentException e) {
                ctx.output(DeadLetters.TAG, DeadLetters.refusal(update.provenance, Stage.TAG,
                        DeadLetterReason.INVALID_FIELD, id, e.getMessage()));
                return;
            } catch (RuntimeException e) {
                ctx.output(DeadLetters.TAG, DeadLetters.refusal(update.provenance, Stage.TAG,
                        DeadLetterReason.ENCODE_FAILED, id, String.valueOf(e)));
                return;
            }
            labels.put(key, new LabelEmbedding(update.vocabulary, update.label, update.templates, vector,
                    lease.model().modelId()));
        }
        vocabularies.remove(update.vocabulary);
    }

    @Override
    public void processElement(EncodedImage image, ReadOnlyContext ctx, Collector<TagResult> out) throws Exception {
        String name = isBlank(image.vocabulary) ? options.defaultVocabulary() : image.vocabulary;
        Vocabulary vocabulary = vocabularies.get(name);
        if (vocabulary == null) {
            vocabulary = Vocabulary.load(ctx.getBroadcastState(LABELS), name);
            if (vocabulary.size() > 0) {
                vocabularies.put(name, vocabulary);
            }
        }
        if (vocabulary.size() == 0) {
            ctx.output(DeadLetters.TAG, DeadLetters.refusal(image.provenance, Stage.TAG,
                    DeadLetterReason.UNKNOWN_VOCABULARY, image.id, "vocabulary '" + name + "' has no labels"));
            return;
        }
        ScoringRule scoring = image.logitScale > 0 ? image.scoring() : lease.model().scoring();
        float[] cosines = vocabulary.cosines(image.vector);
        double normaliser = scoring.normaliser(cosines);
        TagResult result = new TagResult();
        result.imageId = image.id;
        result.key = image.key;
        result.vocabulary = name;
        result.vocabularySize = vocabulary.size();
        result.modelId = image.modelId;
        result.provenance = image.provenance;
        result.timings = image.timings == null ? null : image.timings.copy();
        for (int i : TopK.select(cosines, options.topK())) {
            float p = scoring.probability(cosines[i], normaliser);
            if (cosines[i] >= options.minScore() && p >= options.minProbability()) {
                result.labels.add(new LabelScore(vocabulary.labels[i], cosines[i], p));
            }
        }
        result.taggedMs = System.currentTimeMillis();
        out.collect(result);
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.close();
            lease = null;
        }
    }

    static String key(String vocabulary, String label) {
        return vocabulary + '\u0000' + label;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The labels of one vocabulary as a matrix, for scoring an image in one pass. */
    private static final class Vocabulary {
        final String[] labels;
        final float[][] vectors;

        private Vocabulary(String[] labels, float[][] vectors) {
            this.labels = labels;
            this.vectors = vectors;
        }

        static Vocabulary load(ReadOnlyBroadcastState<String, LabelEmbedding> state, String name) throws Exception {
            List<LabelEmbedding> found = new ArrayList<>();
            for (Map.Entry<String, LabelEmbedding> e : state.immutableEntries()) {
                if (name.equals(e.getValue().vocabulary)) {
                    found.add(e.getValue());
                }
            }
            found.sort((a, b) -> a.label.compareTo(b.label));
            String[] labels = new String[found.size()];
            float[][] vectors = new float[found.size()][];
            for (int i = 0; i < found.size(); i++) {
                labels[i] = found.get(i).label;
                vectors[i] = found.get(i).vector;
            }
            return new Vocabulary(labels, vectors);
        }

        int size() {
            return labels.length;
        }

        float[] cosines(float[] image) {
            float[] cos = new float[vectors.length];
            for (int i = 0; i < vectors.length; i++) {
                cos[i] = Similarity.cosine(image, vectors[i]);
            }
            return cos;
        }
    }
}
