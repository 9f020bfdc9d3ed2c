package io.clipstream.jobs.match;

import static io.clipstream.jobs.match.Vecs.caption;
import static io.clipstream.jobs.match.Vecs.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.MatchResult;
import io.clipstream.jobs.event.PartialTopK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.CoProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keyless matching wired as a job with three parallel subtasks: images spread over them, captions
 * broadcast, partial top-k lists merged. The global answer must equal scoring every caption
 * against every image at once.
 */
class KeylessMatchingITCase {

    private static final int PARALLELISM = 3;
    private static final int IMAGES = 30;
    /** Float math over two-dimensional dot products and a softmax; references computed in double. */
    private static final float TOLERANCE = 1e-5f;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .setConfiguration(noRestart())
            .build());

    /** Images held by the local windows of this JVM's subtasks; captions wait until all are held. */
    static final AtomicInteger HELD = new AtomicInteger();

    private static Configuration noRestart() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    @Test
    void theMergedTopKEqualsScoringAgainstEveryImage() throws Exception {
        HELD.set(0);
        List<EncodedImage> images = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            images.add(image("img" + i, null, i * 12.0));
        }
        List<EncodedCaption> captions = List.of(caption("q0", null, 5), caption("q1", null, 100), caption("q2", null, 251));
        MatchOptions options = MatchOptions.builder().optTopK(3).optThreshold(0.99f).build();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        DataStream<EncodedImage> imageStream = env.fromData(TypeInformation.of(EncodedImage.class), images.toArray(new EncodedImage[0]));
        DataStream<EncodedCaption> captionStream = env
                .fromData(TypeInformation.of(EncodedCaption.class), captions.toArray(new EncodedCaption[0]))
                .map(c -> {
                    while (HELD.get() < IMAGES) {
                        Thread.sleep(5);
                    }
                    return c;
                })
                .returns(EncodedCaption.class);
        List<MatchResult> results = new ArrayList<>();
        try (CloseableIterator<MatchResult> it = Matching.keyless(imageStream, captionStream, options,
                new CountingRecentImages(options)).executeAndCollect()) {
            it.forEachRemaining(results::add);
        }

        assertThat(results).hasSize(captions.size() * 3);
        for (EncodedCaption c : captions) {
            List<MatchResult> mine = results.stream().filter(r -> r.captionId.equals(c.id))
                    .sorted(Comparator.comparingInt(r -> r.rank)).toList();
            double[] cos = new double[IMAGES];
            double z = 0;
            for (int i = 0; i < IMAGES; i++) {
                cos[i] = Vecs.cos(i * 12.0 - angle(c));
                z += Math.exp(Vecs.SCALE * cos[i]);
            }
            Integer[] order = new Integer[IMAGES];
            for (int i = 0; i < IMAGES; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(cos[b], cos[a]));
            for (int rank = 0; rank < 3; rank++) {
                MatchResult r = mine.get(rank);
                int expected = order[rank];
                assertThat(r.imageId).as("caption %s rank %d", c.id, rank + 1).isEqualTo("img" + expected);
                assertThat(r.probability).isCloseTo((float) (Math.exp(Vecs.SCALE * cos[expected]) / z), offset(TOLERANCE));
                assertThat(r.policy).isEqualTo(TopKMergeFunction.POLICY);
            }
        }
    }

    private static double angle(EncodedCaption c) {
        return Math.toDegrees(Math.atan2(c.vector[1], c.vector[0]));
    }

    /** The production window function, counting what it holds so the captions can wait for it. */
    private static final class CountingRecentImages extends RecentImagesMatchFunction {
        CountingRecentImages(MatchOptions options) {
            super(options);
        }

        @Override
        public void processElement1(EncodedImage image, CoProcessFunction<EncodedImage, EncodedCaption,
                PartialTopK>.Context ctx, Collector<PartialTopK> out) {
            super.processElement1(image, ctx, out);
            HELD.incrementAndGet();
        }
    }
}
