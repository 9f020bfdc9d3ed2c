package io.clipstream.jobs.match;

import io.clipstream.align.Similarity;
import io.clipstream.align.TopK;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.ImageCandidate;
import io.clipstream.jobs.event.PartialTopK;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.CoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The local half of keyless matching. Images (first input) are spread over the parallel subtasks;
 * each subtask keeps a bounded window of its most recent images. Every caption (second input) is
 * broadcast to all subtasks; each scores it against its window and emits its local top-k, with
 * the log-sum-exp of its whole window so that {@link TopKMergeFunction} computes exact
 * probabilities over all images of all subtasks. The window is operator state: it survives
 * restarts and is redistributed when the parallelism changes.
 */
@Internal
public class RecentImagesMatchFunction extends CoProcessFunction<EncodedImage, EncodedCaption, PartialTopK>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    private final MatchOptions options;
    private transient ArrayDeque<HeldImage> window;
    private transient ListState<HeldImage> checkpointed;
    private transient int subtask;
    private transient int parts;

    public RecentImagesMatchFunction(MatchOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void open(OpenContext context) {
        subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        parts = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    }

    @Override
    public void processElement1(EncodedImage image, Context ctx, Collector<PartialTopK> out) {
        long now = ctx.timerService().currentProcessingTime();
        window.addLast(new HeldImage(image, now));
        while (window.size() > options.windowSize()) {
            window.removeFirst();
        }
    }

    @Override
    public void processElement2(EncodedCaption caption, Context ctx, Collector<PartialTopK> out) {
        evictOlderThan(ctx.timerService().currentProcessingTime() - options.windowMaxAgeMs());
        float[] cosines = new float[window.size()];
        HeldImage[] held = window.toArray(new HeldImage[0]);
        for (int i = 0; i < held.length; i++) {
            cosines[i] = Similarity.cosine(held[i].image.vector, caption.vector);
        }
        PartialTopK part = new PartialTopK();
        part.captionId = caption.id;
        part.captionKey = caption.key;
        part.captionText = caption.text;
        part.scoredBy(caption.modelId, caption.scoring());
        part.timings = caption.timings;
        part.subtask = subtask;
        part.parts = parts;
        part.windowSize = held.length;
        part.logSumExp = caption.scoring().normaliser(cosines);
        for (int i : TopK.select(cosines, options.topK())) {
            part.candidates.add(new ImageCandidate(held[i].image.id, held[i].image.key, cosines[i]));
        }
        out.collect(part);
    }

    private void evictOlderThan(long oldestKeptMs) {
        Iterator<HeldImage> it = window.iterator();
        while (it.hasNext() && it.next().arrivedMs < oldestKeptMs) {
            it.remove();
        }
    }

    /** How many images this subtask holds. */
    int windowSize() {
        return window.size();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.update(new java.util.ArrayList<>(window));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointed = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("recent-images", TypeInformation.of(HeldImage.class)));
        window = new ArrayDeque<>();
        if (context.isRestored()) {
            for (HeldImage h : checkpointed.get()) {
                window.addLast(h);
            }
        }
    }

    /** An image of the window with the processing time it arrived at. */
    public static final class HeldImage {
        public EncodedImage image;
        public long arrivedMs;

        public HeldImage() {}

        HeldImage(EncodedImage image, long arrivedMs) {
            this.image = image;
            this.arrivedMs = arrivedMs;
        }
    }
}
