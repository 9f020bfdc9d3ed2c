package io.clipstream.jobs.match;

import io.clipstream.align.ScoringRule;
import io.clipstream.align.ThresholdPolicy;
import io.clipstream.align.TopK;
import io.clipstream.jobs.event.ImageCandidate;
import io.clipstream.jobs.event.MatchResult;
import io.clipstream.jobs.event.PartialTopK;
import io.clipstream.jobs.event.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The global half of keyless matching, keyed by caption id: collects the partial top-k of every
 * subtask and emits the global top-k images of the caption, with probabilities over all images the
 * subtasks held. Emits when every part has arrived, or after {@code mergeTimeout} with the parts
 * that did; parts arriving after that are dropped.
 */
@Internal
public class TopKMergeFunction extends KeyedProcessFunction<String, PartialTopK, MatchResult> {

    /** The policy name carried on results. */
    public static final String POLICY = "keyless-top-k";
    private static final long serialVersionUID = 1L;

    private final MatchOptions options;
    private transient ListState<PartialTopK> received;
    private transient ValueState<Boolean> done;
    private transient ThresholdPolicy threshold;

    public TopKMergeFunction(MatchOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void open(OpenContext context) {
        received = getRuntimeContext().getListState(
                new ListStateDescriptor<>("parts", TypeInformation.of(PartialTopK.class)));
        ValueStateDescriptor<Boolean> doneDescriptor = new ValueStateDescriptor<>("done", Types.BOOLEAN);
        // remembers an emitted caption long enough to drop its stragglers, then forgets it
        doneDescriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(Duration.ofMillis(10 * options.mergeTimeoutMs())).build());
        done = getRuntimeContext().getState(doneDescriptor);
        threshold = options.thresholdPolicy();
    }

    @Override
    public void processElement(PartialTopK part, Context ctx, Collector<MatchResult> out) throws Exception {
        if (Boolean.TRUE.equals(done.value())) {
            return;
        }
        received.add(part);
        List<PartialTopK> parts = Bounded.toList(received.get());
        if (parts.size() >= part.parts) {
            emit(parts, out);
        } else if (parts.size() == 1) {
            ctx.timerService().registerProcessingTimeTimer(
                    ctx.timerService().currentProcessingTime() + options.mergeTimeoutMs());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MatchResult> out) throws Exception {
        List<PartialTopK> parts = Bounded.toList(received.get());
        if (!parts.isEmpty()) {
            emit(parts, out);
        }
    }

    private void emit(List<PartialTopK> parts, Collector<MatchResult> out) throws Exception {
        received.clear();
        done.update(true);
        PartialTopK first = parts.get(0);
        ScoringRule scoring = first.scoring();
        double normaliser = ScoringRule.EMPTY;
        List<List<ImageCandidate>> lists = new ArrayList<>();
        for (PartialTopK p : parts) {
            normaliser = scoring.mergeNormalisers(normaliser, p.logSumExp);
            lists.add(p.candidates);
        }
        List<ImageCandidate> best = TopK.merge(lists, options.topK(), c -> c.cosine);
        long now = System.currentTimeMillis();
        for (int rank = 0; rank < best.size(); rank++) {
            ImageCandidate c = best.get(rank);
            MatchResult r = new MatchResult();
            r.imageId = c.imageId;
            r.captionId = first.captionId;
            r.captionText = first.captionText;
            r.key = first.captionKey;
            r.cosine = c.cosine;
            r.probability = scoring.probability(c.cosine, normaliser);
            r.rank = rank + 1;
            r.decision = threshold.decide(c.cosine);
            r.policy = POLICY;
            r.modelId = first.modelId;
            r.timings = first.timings == null ? new Timings() : first.timings.copy();
            r.matchedMs = now;
            out.collect(r);
        }
    }
}
