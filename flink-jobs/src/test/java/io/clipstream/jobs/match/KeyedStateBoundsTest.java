package io.clipstream.jobs.match;

import static io.clipstream.jobs.match.Vecs.caption;
import static io.clipstream.jobs.match.Vecs.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.MatchResult;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * What keeps the keyed match state bounded: per key, {@code match.max-per-key} records of each
 * side whatever arrives; over keys, {@code match.state-ttl}, after which the state is not only
 * invisible but removed.
 */
class KeyedStateBoundsTest {

    private static KeyedTwoInputStreamOperatorTestHarness<String, EncodedImage, EncodedCaption, MatchResult> harness(
            MatchOptions options) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new KeyedMatchFunction(options),
                i -> i.key, c -> c.key, Types.STRING);
    }

    @Test
    void aKeyHoldsAtMostMaxPerKeyRecordsOfEachSideHoweverManyArrive() throws Exception {
        MatchOptions options = MatchOptions.builder().optPolicy("best-caption-per-image").optMaxPerKey(3).build();
        try (var h = harness(options)) {
            for (int i = 0; i < 500; i++) {
                h.processElement2(caption("c" + i, "k", 10 + i % 7), i);
                h.processElement1(image("i" + i, "k", 0), i);
            }
            h.processElement1(image("last", "k", 0), 1000);
            MatchResult last = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
            // the probability is a softmax over the captions held: exactly the three newest (10, 11, 12 degrees)
            assertThat(last.imageId).isEqualTo("last");
            assertThat(last.captionId).isEqualTo("c497");
            assertThat(last.probability).isCloseTo(Vecs.softmax(10, 10, 11, 12), offset(1e-5f));
        }
    }

    @Test
    void expiredKeysAreRemovedNotOnlyHidden() throws Exception {
        MatchOptions options = MatchOptions.builder().optStateTtl(Duration.ofSeconds(1)).build();
        try (var h = harness(options)) {
            h.setStateTtlProcessingTime(0);
            for (int i = 0; i < 1000; i++) {
                h.processElement2(caption("c" + i, "old" + i, 10), i);
                h.processElement1(image("i" + i, "old" + i, 0), i);
            }
            int held = h.numKeyedStateEntries();
            h.setStateTtlProcessingTime(2000);
            for (int i = 0; i < 1000; i++) {
                h.processElement2(caption("c" + i, "new" + i, 10), 2000 + i);
            }
            int newKeysOnly = 2 * 1000;
            System.out.printf("keyed state entries: %d for 1000 live keys, %d after they expired and 1000 new keys"
                    + " (caption and sequence) arrived%n", held, h.numKeyedStateEntries());
            assertThat(h.numKeyedStateEntries()).as("expired keys were cleaned up as new ones arrived")
                    .isLessThan(held).isLessThanOrEqualTo(newKeysOnly + held / 4);
        }
    }
}
