package io.clipstream.jobs.match;

import io.clipstream.align.ScoringRule;
import io.clipstream.align.AlignmentPolicy;
import io.clipstream.align.ScoredPair;
import io.clipstream.align.ThresholdPolicy;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.MatchResult;
import io.clipstream.jobs.event.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Matches images with captions of the same correlation key (first input: images, second:
 * captions, both keyed by {@code key}).
 *
 * <p>Each key keeps at most {@code maxPerKey} images and captions (the oldest is evicted), each for
 * {@code stateTtl} after it arrived: records are map-state entries by id, so a new arrival rewrites
 * only its own entry and never extends the life of the others; a record delivered twice (an
 * at-least-once replay) is held once. Every arrival re-runs the alignment policy over what the key
 * holds and emits the pairs that are new or changed since the last emission: a stream of upserts
 * by image id ({@code best-caption-per-image}, {@code one-to-one}) or caption id
 * ({@code best-image-per-caption}). Nothing is emitted while one side is still empty.
 */
@Internal
public class KeyedMatchFunction extends KeyedCoProcessFunction<String, EncodedImage, EncodedCaption, MatchResult> {

    private static final long serialVersionUID = 1L;

    private final MatchOptions options;

    private transient MapState<String, StoredRecord.Image> images;
    private transient MapState<String, StoredRecord.Caption> captions;
    /** Arrival counter of the key, ordering eviction. */
    private transient ValueState<Long> sequence;
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
        MapStateDescriptor<String, StoredRecord.Image> imagesDescriptor =
                new MapStateDescriptor<>("images", Types.STRING, TypeInformation.of(StoredRecord.Image.class));
        imagesDescriptor.enableTimeToLive(ttl);
        MapStateDescriptor<String, StoredRecord.Caption> captionsDescriptor =
                new MapStateDescriptor<>("captions", Types.STRING, TypeInformation.of(StoredRecord.Caption.class));
        captionsDescriptor.enableTimeToLive(ttl);
        ValueStateDescriptor<Long> sequenceDescriptor = new ValueStateDescriptor<>("sequence", Types.LONG);
        sequenceDescriptor.enableTimeToLive(ttl);
        MapStateDescriptor<String, String> emittedDescriptor =
                new MapStateDescriptor<>("emitted", Types.STRING, Types.STRING);
        emittedDescriptor.enableTimeToLive(ttl);
        images = getRuntimeContext().getMapState(imagesDescriptor);
        captions = getRuntimeContext().getMapState(captionsDescriptor);
        sequence = getRuntimeContext().getState(sequenceDescriptor);
        emitted = getRuntimeContext().getMapState(emittedDescriptor);
        policy = options.policy();
        threshold = options.thresholdPolicy();
    }

    @Override
    public void processElement1(EncodedImage image, Context ctx, Collector<MatchResult> out) throws Exception {
        images.put(image.id, new StoredRecord.Image(image, nextSequence()));
        match(heldImages(), heldCaptions(), image.timings, out);
    }

    @Override
    public void processElement2(EncodedCaption caption, Context ctx, Collector<MatchResult> out) throws Exception {
        captions.put(caption.id, new StoredRecord.Caption(caption, nextSequence()));
        match(heldImages(), heldCaptions(), caption.timings, out);
    }

    private long nextSequence() throws Exception {
        Long last = sequence.value();
        long next = last == null ? 0L : last + 1;
        sequence.update(next);
        return next;
    }

    /** The images of the key, oldest first, after evicting the oldest beyond the bound. */
    private List<EncodedImage> heldImages() throws Exception {
        List<StoredRecord.Image> held = Bounded.toList(images.values());
        held.sort(Comparator.comparingLong(h -> h.sequence));
        while (held.size() > options.maxPerKey()) {
            images.remove(held.remove(0).image.id);
        }
        List<EncodedImage> out = new ArrayList<>(held.size());
        held.forEach(h -> out.add(h.image));
        return out;
    }

    /** The captions of the key, oldest first, after evicting the oldest beyond the bound. */
    private List<EncodedCaption> heldCaptions() throws Exception {
        List<StoredRecord.Caption> held = Bounded.toList(captions.values());
        held.sort(Comparator.comparingLong(h -> h.sequence));
        while (held.size() > options.maxPerKey()) {
            captions.remove(held.remove(0).caption.id);
        }
        List<EncodedCaption> out = new ArrayList<>(held.size());
        held.forEach(h -> out.add(h.caption));
        return out;
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
        ScoringRule scoring = imgs.get(imgs.size() - 1).scoring();
        boolean byCaption = "best-image-per-caption".equals(policy.policyName());
        for (ScoredPair pair : policy.align(imageVectors, captionVectors, scoring, threshold)) {
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
