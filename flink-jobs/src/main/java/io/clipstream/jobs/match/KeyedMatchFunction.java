package io.clipstream.jobs.match;

import io.clipstream.align.AlignmentPolicy;
import io.clipstream.align.ScoredPair;
import io.clipstream.align.ThresholdPolicy;
import io.clipstream.jobs.record.EncodedCaption;
import io.clipstream.jobs.record.EncodedImage;
import io.clipstream.jobs.record.MatchResult;
import io.clipstream.jobs.record.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Matches images with captions of the same correlation key (first input: images, second:
 * captions, both keyed by {@code key}).
 *
 * <p>Each key keeps at most {@code maxPerKey} images and captions (the oldest is evicted), each for
 * {@code stateTtl} after it arrived. Every arrival re-runs the alignment policy over what the key
 * holds and emits the pairs that are new or changed since the last emission: a stream of upserts
 * by image id ({@code best-caption-per-image}, {@code one-to-one}) or caption id
 * ({@code best-image-per-caption}). Nothing is emitted while one side is still empty.
 */
public class KeyedMatchFunction extends KeyedCoProcessFunction<String, EncodedImage, EncodedCaption, MatchResult> {

    private static final long serialVersionUID = 1L;

    private final MatchOptions options;

    private transient ListState<EncodedImage> images;
    private transient ListState<EncodedCaption> captions;
    /** What was last emitted: image id to caption id, or caption id to image id for best-image-per-caption. */
    private transient MapState<String, String> emitted;
    private transient AlignmentPolicy policy;
    private transient ThresholdPolicy threshold;

    public KeyedMatchFunction(MatchOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void open(OpenContext context) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofMillis(options.stateTtlMs()))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        ListStateDescriptor<EncodedImage> imagesDescriptor =
                new ListStateDescriptor<>("images", TypeInformation.of(EncodedImage.class));
        imagesDescriptor.enableTimeToLive(ttl);
        ListStateDescriptor<EncodedCaption> captionsDescriptor =
                new ListStateDescriptor<>("captions", TypeInformation.of(EncodedCaption.class));
        captionsDescriptor.enableTimeToLive(ttl);
        MapStateDescriptor<String, String> emittedDescriptor =
                new MapStateDescriptor<>("emitted", Types.STRING, Types.STRING);
        emittedDescriptor.enableTimeToLive(ttl);
        images = getRuntimeContext().getListState(imagesDescriptor);
        captions = getRuntimeContext().getListState(captionsDescriptor);
        emitted = getRuntimeContext().getMapState(emittedDescriptor);
        policy = options.policy();
        threshold = options.thresholdPolicy();
    }

    @Override
    public void processElement1(EncodedImage image, Context ctx, Collector<MatchResult> out) throws Exception {
        List<EncodedImage> held = Bounded.append(images.get(), image, options.maxPerKey(), i -> i.id);
        images.update(held);
        List<EncodedCaption> heldCaptions = Bounded.toList(captions.get());
        match(held, heldCaptions, image.timings, out);
    }

    @Override
    public void processElement2(EncodedCaption caption, Context ctx, Collector<MatchResult> out) throws Exception {
        List<EncodedCaption> held = Bounded.append(captions.get(), caption, options.maxPerKey(), c -> c.id);
        captions.update(held);
        List<EncodedImage> heldImages = Bounded.toList(images.get());
        match(heldImages, held, caption.timings, out);
    }

    private void match(List<EncodedImage> imgs, List<EncodedCaption> caps, Timings trigger, Collector<MatchResult> out)
            throws Exception {
        forgetEvicted(imgs, caps);
        if (imgs.isEmpty() || caps.isEmpty()) {
            return;
        }
        float[][] imageVectors = new float[imgs.size()][];
        for (int i = 0; i < imgs.size(); i++) {
            imageVectors[i] = imgs.get(i).vector;
        }
        float[][] captionVectors = new float[caps.size()][];
        for (int j = 0; j < caps.size(); j++) {
            captionVectors[j] = caps.get(j).vector;
        }
        float logitScale = imgs.get(imgs.size() - 1).logitScale;
        boolean byCaption = "best-image-per-caption".equals(policy.policyName());
        for (ScoredPair pair : policy.align(imageVectors, captionVectors, logitScale, threshold)) {
            EncodedImage image = imgs.get(pair.image());
            EncodedCaption caption = caps.get(pair.caption());
            String from = byCaption ? caption.id : image.id;
            String to = byCaption ? image.id : caption.id;
            if (to.equals(emitted.get(from))) {
                continue;
            }
            emitted.put(from, to);
            out.collect(result(image, caption, pair, trigger));
        }
    }

    /** Drops emission entries of records that were evicted or expired, so the map stays bounded too. */
    private void forgetEvicted(List<EncodedImage> imgs, List<EncodedCaption> caps) throws Exception {
        Set<String> live = new HashSet<>();
        imgs.forEach(i -> live.add(i.id));
        caps.forEach(c -> live.add(c.id));
        List<String> stale = new ArrayList<>();
        for (String id : emitted.keys()) {
            if (!live.contains(id)) {
                stale.add(id);
            }
        }
        for (String id : stale) {
            emitted.remove(id);
        }
    }

    private MatchResult result(EncodedImage image, EncodedCaption caption, ScoredPair pair, Timings trigger) {
        MatchResult r = new MatchResult();
        r.imageId = image.id;
        r.captionId = caption.id;
        r.captionText = caption.text;
        r.key = image.key;
        r.cosine = pair.cosine();
        r.probability = pair.probability();
        r.rank = pair.rank();
        r.decision = pair.decision();
        r.policy = policy.policyName();
        r.modelId = image.modelId;
        r.timings = trigger == null ? new Timings() : trigger.copy();
        r.matchedMs = System.currentTimeMillis();
        return r;
    }
}
