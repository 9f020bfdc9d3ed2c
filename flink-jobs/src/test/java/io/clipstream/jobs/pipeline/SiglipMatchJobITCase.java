package io.clipstream.jobs.pipeline;

import static io.clipstream.jobs.pipeline.PipelineTestKit.caption;
import static io.clipstream.jobs.pipeline.PipelineTestKit.image;
import static io.clipstream.jobs.pipeline.PipelineTestKit.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.clipstream.align.ScoringRule;
import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.runtime.EmbeddedKafka;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.model.ClipConfig;
import io.clipstream.model.ClipModel;
import io.clipstream.model.ClipNetwork;
import io.clipstream.model.ClipTextConfig;
import io.clipstream.model.ClipVisionConfig;
import io.clipstream.model.ModelFamily;
import io.clipstream.model.ModelFolder;
import io.clipstream.preprocess.ClipImageProcessor;
import io.clipstream.preprocess.ImageDecoder;
import io.clipstream.preprocess.PreprocessorConfig;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.MatchEvent;
import io.clipstream.schemas.wire.EventCodec;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The match job with a SigLIP model: every probability on the output is the pair's own sigmoid. */
class SiglipMatchJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = PipelineTestKit.miniCluster();

    /** A random SigLIP of 32-pixel images, sharing the CLIP test model's tokenizer. */
    static Path siglip() throws Exception {
        Path clip = PipelineTestKit.model();
        ClipTextConfig words = ModelFolder.readConfig(clip).text();
        ClipConfig config = new ClipConfig(ModelFamily.SIGLIP,
                new ClipTextConfig(words.vocabSize(), 32, 64, 2, 2, 32, "gelu_pytorch_tanh", 1e-6, words.eosTokenId()),
                new ClipVisionConfig(32, 64, 2, 2, 3, 32, 8, "gelu_pytorch_tanh", 1e-6), 32, Math.log(10), 0, 0);
        Path dir = Files.createTempDirectory("clipstream-siglip").resolve("tiny-siglip");
        try (ClipNetwork net = ClipNetwork.random(config, 11, Device.cpu())) {
            net.logitBias().set(new float[] {-2f}); // probabilities in mid range rather than near 0
            return ModelFolder.writer(dir).setNetwork(net)
                    .setTokenizerJson(Files.readString(clip.resolve(ModelFolder.TOKENIZER)))
                    .setPreprocessorConfigJson(PreprocessorConfig.builder().optResizeTo(32, 32).optDoCenterCrop(false)
                            .optImageMean(0.5, 0.5, 0.5).optImageStd(0.5, 0.5, 0.5).build().toJson())
                    .write();
        }
    }

    @Test
    void matchEventsCarrySigmoidProbabilities() throws Exception {
        Path model = siglip();
        EmbeddedKafka kafka = PipelineTestKit.kafka();
        Configuration conf = PipelineTestKit.freshTopics(kafka, model, "siglip-match");
        byte[] red = png(Color.RED, 40);
        byte[] blue = png(Color.BLUE, 40);
        List<String> candidates = List.of("a red square", "a blue circle", "a photo of a dog");
        byte[] withCandidates = EventCodec.of(ImageEvent.class).encode(ImageEvent.newBuilder().setImageId("img-c")
                .setImage(new InlineImage(ByteBuffer.wrap(blue), "image/png")).setCandidateCaptions(List.copyOf(candidates))
                .setEventTime(Instant.now()).build());
        PipelineTestKit.produce(kafka, conf.get(SourceOptions.IMAGES_TOPIC),
                List.of(image("img-1", "k1", red), withCandidates));
        PipelineTestKit.produce(kafka, conf.get(SourceOptions.CAPTIONS_TOPIC),
                List.of(caption("cap-1", "k1", "a red square")));

        MatchJob.fromConfiguration(conf, PipelineTestKit.clipModel())
                .execute(StreamExecutionEnvironment.getExecutionEnvironment());

        List<MatchEvent> matches = PipelineTestKit.decodeAll(MatchEvent.class,
                PipelineTestKit.readCommitted(kafka, conf.get(SinkOptions.MATCHES_TOPIC), Duration.ofSeconds(2)));
        assertThat(matches).extracting(m -> m.getImageId() + "/" + m.getCaptionId())
                .containsExactlyInAnyOrder("img-1/cap-1", "img-c/img-c#0", "img-c/img-c#1", "img-c/img-c#2");
        try (ClipModel siglip = ClipModel.load(model)) {
            ScoringRule rule = siglip.scoring();
            assertThat(rule.sigmoid()).isTrue();
            assertThat(rule.logitBias()).isEqualTo(-2f);
            ClipImageProcessor processor = ClipImageProcessor.of(
                    PreprocessorConfig.load(model.resolve(PreprocessorConfig.FILE_NAME)));
            float[] redVector = siglip.encodePixels(List.of(processor.preprocess(ImageDecoder.create().decodeRgb(red))))[0];
            float[] blueVector = siglip.encodePixels(List.of(processor.preprocess(ImageDecoder.create().decodeRgb(blue))))[0];

            MatchEvent keyed = matches.stream().filter(m -> m.getCaptionId().toString().equals("cap-1")).findFirst().orElseThrow();
            float cos = MatchJobITCase.dot(redVector, siglip.encodeTexts(List.of("a red square"))[0]);
            assertThat(keyed.getCosine()).isCloseTo(cos, within(1e-4f));
            // alone among its candidates a softmax would say 1; SigLIP's sigmoid scores the pair itself
            assertThat(keyed.getProbability()).isCloseTo(sigmoid(10 * cos - 2), within(1e-4f));

            float[][] texts = siglip.encodeTexts(candidates);
            double sum = 0;
            for (MatchEvent m : matches.stream().filter(m -> m.getImageId().toString().equals("img-c")).toList()) {
                int i = Integer.parseInt(m.getCaptionId().toString().substring("img-c#".length()));
                float c = MatchJobITCase.dot(blueVector, texts[i]);
                assertThat(m.getCosine()).isCloseTo(c, within(1e-4f));
                assertThat(m.getProbability()).isCloseTo(sigmoid(10 * c - 2), within(1e-4f));
                sum += m.getProbability();
            }
            assertThat(sum).isNotCloseTo(1.0, within(1e-3));
        }
    }

    private static float sigmoid(double z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }
}
