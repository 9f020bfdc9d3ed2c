package io.clipstream.jobs.match;

import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.MatchResult;
import io.clipstream.jobs.event.PartialTopK;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires the matching operators into a job, each named and with a stable uid.
 *
 * <pre>{@code
 * DataStream<MatchResult> keyed = Matching.byKey(imagesWithKey, captionsWithKey, options);
 * DataStream<MatchResult> keyless = Matching.keyless(imagesWithoutKey, captionsWithoutKey, options);
 * DataStream<MatchResult> scored = Matching.candidates(imagesWithCandidates, options);
 * }</pre>
 *
 * Records must be split by the caller: {@link #byKey} needs a non-null {@code key} on every record.
 */
@PublicEvolving
public final class Matching {

    public static final String KEYED_UID = "match-by-key";
    public static final String LOCAL_TOP_K_UID = "match-recent-images";
    public static final String MERGE_UID = "match-merge-top-k";
    public static final String CANDIDATES_UID = "match-candidates";

    private Matching() {}

    /** Matching by correlation key with the policy of {@code options}. */
    public static SingleOutputStreamOperator<MatchResult> byKey(DataStream<EncodedImage> images,
            DataStream<EncodedCaption> captions, MatchOptions options) {
        return images.keyBy(i -> i.key, Types.STRING)
                .connect(captions.keyBy(c -> c.key, Types.STRING))
                .process(new KeyedMatchFunction(options), TypeInformation.of(MatchResult.class))
                .uid(KEYED_UID)
                .name(KEYED_UID);
    }

    /**
     * Each caption against the recent images: images are spread round-robin over the subtasks,
     * captions broadcast to all of them, and the local top-k lists merged by caption id.
     */
    public static SingleOutputStreamOperator<MatchResult> keyless(DataStream<EncodedImage> images,
            DataStream<EncodedCaption> captions, MatchOptions options) {
        return keyless(images, captions, options, new RecentImagesMatchFunction(options));
    }

    @VisibleForTesting
    static SingleOutputStreamOperator<MatchResult> keyless(DataStream<EncodedImage> images,
            DataStream<EncodedCaption> captions, MatchOptions options, RecentImagesMatchFunction local) {
        SingleOutputStreamOperator<PartialTopK> parts = images.rebalance()
                .connect(captions.broadcast())
                .process(local, TypeInformation.of(PartialTopK.class))
                .uid(LOCAL_TOP_K_UID)
                .name(LOCAL_TOP_K_UID);
        return parts.keyBy(p -> p.captionId, Types.STRING)
                .process(new TopKMergeFunction(options), TypeInformation.of(MatchResult.class))
                .uid(MERGE_UID)
                .name(MERGE_UID);
    }

    /** Probabilities of every image over the candidate captions it carries. */
    public static SingleOutputStreamOperator<MatchResult> candidates(DataStream<EncodedImage> images,
            MatchOptions options) {
        return images.process(new CandidateScoringFunction(options), TypeInformation.of(MatchResult.class))
                .uid(CANDIDATES_UID)
                .name(CANDIDATES_UID);
    }
}
