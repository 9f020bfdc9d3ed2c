package io.clipstream.jobs.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import io.clipstream.jobs.event.CaptionToEncode;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.Provenance;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batching encoder in a running job: two parallel subtasks sharing one model, checkpoints
 * every 50 ms cutting through the batches, the real model on a tiny checkpoint; with the model
 * thread (one batch in flight) and with the task thread encoding.
 */
class BatchingEncoderITCase {

    private static final int RECORDS = 400;
    private static final int MAX_BATCH = 8;
    /** Float32 inference of a text alone and inside a batch agree to this on the CPU. */
    private static final float TOLERANCE = 1e-4f;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(noRestart())
            .build());

    private static Configuration noRestart() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    @ParameterizedTest(name = "in-flight batches {0}")
    @ValueSource(ints = {1, 0})
    void everyRecordIsEncodedExactlyOnceInBoundedBatches(int inFlightBatches) throws Exception {
        Random random = new Random(11);
        List<CaptionToEncode> captions = new ArrayList<>();
        Map<String, String> texts = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            String text = TinyModels.WORDS.get(random.nextInt(TinyModels.WORDS.size())) + " "
                    + TinyModels.WORDS.get(random.nextInt(TinyModels.WORDS.size()));
            captions.add(new CaptionToEncode("c" + i, null, text, new Provenance("captions", 0, i), new Timings(i, i))
                    .withTokens(TinyModels.tokens(text)));
            texts.put("c" + i, text);
        }
        EncoderOptions options = TinyModels.options().optMaxBatchSize(MAX_BATCH).optMaxDelay(Duration.ofMillis(20))
                .optInFlightBatches(inFlightBatches).build();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(50);
        List<EncodedCaption> out = new ArrayList<>();
        try (CloseableIterator<EncodedCaption> it = BatchingEncoders.captions(
                env.fromData(TypeInformation.of(CaptionToEncode.class), captions.toArray(new CaptionToEncode[0]))
                        .rebalance(), options).executeAndCollect()) {
            it.forEachRemaining(out::add);
        }

        assertThat(out).extracting(c -> c.id).doesNotHaveDuplicates().hasSize(RECORDS);
        assertThat(out).allSatisfy(c -> assertThat(c.timings.batchSize).isBetween(1, MAX_BATCH));
        assertThat(out).anySatisfy(c -> assertThat(c.timings.batchSize).isEqualTo(MAX_BATCH));
        assertThat(SharedModels.references(Path.of(options.modelDir()), Device.cpu()))
                .as("every subtask released the shared model").isZero();

        try (ClipModel reference = ClipModel.builder().setModelDir(TinyModels.dir()).optDevice(Device.cpu()).build()) {
            for (EncodedCaption c : out.subList(0, 40)) {
                float[] expected = reference.encodeTexts(List.of(texts.get(c.id)))[0];
                for (int k = 0; k < expected.length; k++) {
                    assertThat(c.vector[k]).as("%s[%d]", c.id, k).isCloseTo(expected[k], offset(TOLERANCE));
                }
            }
        }
    }
}
