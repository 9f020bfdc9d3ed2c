package io.clipstream.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.jobs.encode.EncodeStep;
import io.clipstream.jobs.event.CaptionToEncode;
import io.clipstream.jobs.event.EncodedCaption;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.ImageToEncode;
import io.clipstream.jobs.event.Provenance;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipModel;
import io.clipstream.preprocess.ImageLimits;
import io.clipstream.schemas.DeadLetterEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.InlineImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * The tokenize stages on the bundled model (captions in {@link CaptionPreparer}, an image's
 * candidate captions in {@link ImagePreparer}): tokenising before the encoder and encoding the
 * token ids gives the vectors of the model's own text path, bit for bit.
 */
class TokenizeStagesTest {
    private static final Path MODEL = Path.of("..", "models", "clipstream-emoji-small").toAbsolutePath().normalize();

    private static ClipModel model;

    @BeforeAll
    static void load() {
        model = ClipModel.builder().setModelDir(MODEL).optDevice(Device.cpu()).build();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static CaptionToEncode caption(String id, String text) {
        return new CaptionToEncode(id, null, text, new Provenance("captions", 0, id.hashCode()), new Timings());
    }

    private static OneInputStreamOperatorTestHarness<CaptionToEncode, CaptionToEncode> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new CaptionPreparer(MODEL.toString()));
    }

    @Test
    void tokenisingInItsOwnStageGivesTheVectorsOfTheModelsTextPathExactly() throws Exception {
        String overLong = String.join(" ", java.util.Collections.nCopies(60, "a red apple on a green tree"));
        List<String> texts = List.of("a photo of a cat", "grinning face", "red heart", overLong, "pizza",
                "zzqx unknown wordsxyz", "FACE WITH TEARS OF JOY!");
        List<CaptionToEncode> tokenised;
        try (var h = harness()) {
            for (int i = 0; i < texts.size(); i++) {
                h.processElement(caption("c" + i, texts.get(i)), i);
            }
            tokenised = h.extractOutputValues();
            assertThat(h.getSideOutput(DeadLetters.TAG)).isNull();
        }
        assertThat(tokenised).extracting(c -> c.text).containsExactlyElementsOf(texts);
        int context = model.tokenizer().contextLength();
        int[] cut = tokenised.get(3).tokens;
        assertThat(cut).as("the over-long caption is cut to the context").hasSize(context);
        long[] full = model.tokenizer().encoding(overLong).getIds();
        assertThat(full.length).as("the caption really is longer than the context").isGreaterThan(context);
        assertThat((long) cut[context - 1]).as("and keeps its closing token").isEqualTo(full[full.length - 1]);

        List<EncodedCaption> encoded = EncodeStep.captions().encode(model, tokenised);
        float[][] expected = model.encodeTexts(texts);
        for (int i = 0; i < texts.size(); i++) {
            // exact: the same token rows, padded the same way, in one batch of the same shape
            assertThat(encoded.get(i).vector).as(texts.get(i)).containsExactly(expected[i]);
        }
        // and record by record, as the batching encoder retries a failing batch
        assertThat(EncodeStep.captions().encode(model, List.of(tokenised.get(1))).get(0).vector)
                .containsExactly(model.encodeTexts(List.of(texts.get(1)))[0]);
    }

    @Test
    void aBlankCaptionIsRefusedByTheTokenizeStageWithItsProvenance() throws Exception {
        try (var h = harness()) {
            h.processElement(caption("blank", " \t"), 1);
            h.processElement(caption("none", null), 2);
            h.processElement(caption("ok", "a cat"), 3);
            assertThat(h.extractOutputValues()).extracting(c -> c.id).containsExactly("ok");
            List<DeadLetterEvent> refused = new ArrayList<>();
            h.getSideOutput(DeadLetters.TAG).forEach(r -> refused.add(r.getValue()));
            assertThat(refused).extracting(d -> d.getStage().toString(), d -> d.getReason().toString())
                    .containsOnly(org.assertj.core.groups.Tuple.tuple("tokenize", DeadLetterReason.EMPTY_CAPTION.name()));
            assertThat(refused).hasSize(2);
            assertThat(refused.get(0).getSourceOffset()).isEqualTo("blank".hashCode());
        }
    }

    private static FetchedImage image(String id, List<String> candidates) throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, Color.RED.getRGB());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        ImageEvent event = ImageEvent.newBuilder().setImageId(id)
                .setImage(InlineImage.newBuilder().setData(ByteBuffer.wrap(png.toByteArray())).build())
                .setCandidateCaptions(candidates).setAttributes(Map.of()).setEventTime(Instant.ofEpochMilli(1)).build();
        return FetchedImage.inline(Decoded.ok(event, "images", 0, 5L, 1L, 2L));
    }

    private static ImagePreparer preparer() {
        return new ImagePreparer(MODEL.toString(), ImageLimits.defaults(), "vocabulary", 1024);
    }

    @Test
    void candidateCaptionsAreTokenisedHereAndEncodeAsTheModelsTextPathDoes() throws Exception {
        String overLong = String.join(" ", Collections.nCopies(40, "a smiling face with heart eyes"));
        List<String> candidates = List.of("red heart", overLong, "zzqx nothing known", "thumbs up");
        List<ImageToEncode> prepared;
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(preparer())) {
            h.processElement(image("i1", candidates), 1);
            h.processElement(image("i2", List.of()), 2);
            prepared = h.extractOutputValues();
        }
        assertThat(prepared).extracting(i -> i.candidateTokens.size()).containsExactly(4, 0);
        assertThat(prepared.get(0).candidateTokens.get(1)).hasSize(model.tokenizer().contextLength());

        List<EncodedImage> encoded = EncodeStep.images().encode(model, prepared);
        float[][] expected = model.encodeTexts(candidates);
        assertThat(encoded.get(0).candidateVectors).hasSize(4);
        for (int i = 0; i < candidates.size(); i++) {
            assertThat(encoded.get(0).candidateVectors.get(i)).as(candidates.get(i)).containsExactly(expected[i]);
        }
        assertThat(encoded.get(1).candidateVectors).isEmpty();
    }

    @Test
    void anImageWithABlankCandidateIsRefusedByTheTokenizeStage() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(preparer())) {
            h.processElement(image("i1", List.of("red heart", " ")), 1);
            assertThat(h.extractOutputValues()).isEmpty();
            DeadLetterEvent refused = h.getSideOutput(DeadLetters.TAG).poll().getValue();
            assertThat(refused.getStage().toString()).isEqualTo("tokenize");
            assertThat(refused.getReason().toString()).isEqualTo(DeadLetterReason.EMPTY_CAPTION.name());
            assertThat(refused.getMessage().toString()).contains("i1").contains("candidate caption 1");
            assertThat(refused.getSourceOffset()).isEqualTo(5L);
        }
    }
}
