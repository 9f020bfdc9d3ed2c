package io.clipstream.jobs.match;

import io.clipstream.align.ScoringRule;
import io.clipstream.align.ThresholdPolicy;
import io.clipstream.align.Similarity;
import io.clipstream.align.TopK;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.MatchResult;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores an image against the candidate captions it arrived with: one result per candidate, ranked,
 * with probabilities over the candidates (the model family's rule: {@code softmax(logitScale * cosine)},
 * or SigLIP's per-pair sigmoid) — the classic
 * "image and ['a cat', 'a dog', 'a car'] to probabilities" call as a stream. Needs no state; images
 * without candidates pass without output. Candidate {@code i} of image {@code x} gets the caption id
 * {@code x#i}.
 */
@Internal
public class CandidateScoringFunction extends ProcessFunction<EncodedImage, MatchResult> {

    /** The policy name carried on results. */
    public static final String POLICY = "candidates";
    private static final long serialVersionUID = 1L;

    private final MatchOptions options;
    private transient ThresholdPolicy threshold;

    public CandidateScoringFunction(MatchOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void open(OpenContext context) {
        threshold = options.thresholdPolicy();
    }

    @Override
    public void processElement(EncodedImage image, Context ctx, Collector<MatchResult> out) {
        int n = image.candidateVectors == null ? 0 : image.candidateVectors.size();
        if (n == 0) {
            return;
        }
        float[] cosines = new float[n];
        for (int i = 0; i < n; i++) {
            cosines[i] = Similarity.cosine(image.vector, image.candidateVectors.get(i));
        }
        ScoringRule scoring = image.scoring();
        double normaliser = scoring.normaliser(cosines);
        int[] order = TopK.select(cosines, n);
        long now = System.currentTimeMillis();
        for (int rank = 0; rank < n; rank++) {
            int i = order[rank];
            MatchResult r = new MatchResult();
            r.imageId = image.id;
            r.captionId = image.id + "#" + i;
            r.captionText = image.candidateCaptions.get(i);
            r.key = image.key;
            r.cosine = cosines[i];
            r.probability = scoring.probability(cosines[i], normaliser);
            r.rank = rank + 1;
            r.decision = threshold.decide(cosines[i]);
            r.policy = POLICY;
            r.modelId = image.modelId;
            r.timings = image.timings == null ? null : image.timings.copy();
            r.matchedMs = now;
            out.collect(r);
        }
    }
}
