package io.clipstream.jobs.tag;

import static io.clipstream.jobs.deadletter.DeadLetterReason.INVALID_FIELD;
import static io.clipstream.jobs.deadletter.DeadLetterReason.UNKNOWN_VOCABULARY;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.groups.Tuple.tuple;

import io.clipstream.align.PromptEnsemble;
import io.clipstream.jobs.deadletter.DeadLetters;
import io.clipstream.schemas.DeadLetterEvent;
import ai.djl.Device;
import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.encode.ForwardingEncoder;
import io.clipstream.jobs.encode.ModelLoader;
import io.clipstream.jobs.encode.TinyModels;
import io.clipstream.jobs.event.EncodedImage;
import io.clipstream.jobs.event.LabelScore;
import io.clipstream.jobs.event.LabelUpdate;
import io.clipstream.jobs.event.Provenance;
import io.clipstream.jobs.event.TagResult;
import io.clipstream.jobs.event.Timings;
import io.clipstream.model.ClipModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tagging on a tiny random checkpoint: label prompts and images encoded by the real model. */
class TaggingFunctionTest {

    /** Float32 inference and float dot products, compared with the same math done in the test. */
    private static final float TOLERANCE = 1e-4f;

    private static ClipModel model;

    @BeforeAll
    static void load() {
        model = ClipModel.builder().setModelDir(TinyModels.dir()).optDevice(Device.cpu()).build();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static BroadcastOperatorTestHarness<EncodedImage, LabelUpdate, TagResult> harness(TagOptions options)
            throws Exception {
        EncoderOptions encoder = TinyModels.options().build();
        return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                new TaggingFunction(options, encoder, ModelLoader.clipModel()), TaggingFunction.LABELS);
    }

    private static TagOptions all() {
        return TagOptions.builder().optTopK(10).optMinProbability(0f).build();
    }

    private static EncodedImage image(String id, String vocabulary, long seed) {
        EncodedImage e = new EncodedImage();
        e.id = id;
        e.vocabulary = vocabulary;
        e.vector = model.encodePixels(List.of(TinyModels.pixels(seed)))[0];
        e.logitScale = model.logitScale();
        e.modelId = model.modelId();
        e.provenance = new Provenance("images", 0, seed);
        e.timings = new Timings(1, 2);
        return e;
    }

    /** The prompt ensemble computed here from the model: encode, average, re-normalise. */
    private static float[] ensemble(String label, String... templates) {
        List<String> prompts = new ArrayList<>();
        for (String t : templates) {
            prompts.add(t.replace("{}", label));
        }
        float[][] v = model.encodeTexts(prompts);
        double[] sum = new double[v[0].length];
        for (float[] row : v) {
            for (int k = 0; k < row.length; k++) {
                sum[k] += row[k];
            }
        }
        double norm = Math.sqrt(Arrays.stream(sum).map(x -> x * x).sum());
        float[] out = new float[sum.length];
        for (int k = 0; k < sum.length; k++) {
            out[k] = (float) (sum[k] / norm);
        }
        return out;
    }

    /** An update as the label stage hands it on: its prompts tokenised where the tagger will encode them. */
    private static LabelUpdate upsert(String vocabulary, String label, List<String> templates) {
        LabelUpdate u = LabelUpdate.upsert(vocabulary, label, templates);
        if (vocabulary.isBlank() || label.isBlank() || templates.stream().anyMatch(t -> !t.contains("{}"))) {
            return u;
        }
        return u.withPromptTokens(PromptEnsemble.prompts(label, templates).stream().map(TinyModels::tokens).toList());
    }

    private static float dot(float[] a, float[] b) {
        double d = 0;
        for (int k = 0; k < a.length; k++) {
            d += (double) a[k] * b[k];
        }
        return (float) d;
    }

    private static List<Refused> rejected(BroadcastOperatorTestHarness<?, ?, ?> h) {
        List<Refused> out = new ArrayList<>();
        var side = h.getSideOutput(DeadLetters.TAG);
        if (side != null) {
            side.forEach(r -> out.add(new Refused(r.getValue())));
        }
        return out;
    }

    /** A dead letter of stage {@code tag}, read back: the record's id, the reason, where it came from. */
    private static final class Refused {
        final String sourceId;
        final String reason;
        final Provenance provenance;

        Refused(DeadLetterEvent d) {
            assertThat(d.getStage().toString()).isEqualTo("tag");
            String m = d.getMessage().toString();
            sourceId = m.substring(0, m.indexOf(": "));
            reason = d.getReason().toString();
            provenance = new Provenance(d.getSourceTopic().toString(), d.getSourcePartition(), d.getSourceOffset());
        }
    }

    @Test
    void imagesGetTheirLabelsRankedWithProbabilitiesOverTheVocabulary() throws Exception {
        try (var h = harness(all())) {
            h.processBroadcastElement(upsert("animals", "cat", List.of("a photo of a {}", "a drawing of a {}")), 1);
            h.processBroadcastElement(upsert("animals", "dog", List.of()), 2);
            h.processBroadcastElement(upsert("animals", "car", List.of("a sketch of the {}")), 3);
            EncodedImage img = image("i1", "animals", 7);
            h.processElement(img, 4);

            TagResult result = h.extractOutputValues().get(0);
            assertThat(result.imageId).isEqualTo("i1");
            assertThat(result.vocabulary).isEqualTo("animals");
            assertThat(result.vocabularySize).isEqualTo(3);
            float cat = dot(img.vector, ensemble("cat", "a photo of a {}", "a drawing of a {}"));
            float dog = dot(img.vector, ensemble("dog", LabelUpdate.DEFAULT_TEMPLATE));
            float car = dot(img.vector, ensemble("car", "a sketch of the {}"));
            double s = model.logitScale();
            double z = Math.exp(s * cat) + Math.exp(s * dog) + Math.exp(s * car);
            assertThat(result.labels).hasSize(3);
            for (LabelScore l : result.labels) {
                float expected = switch (l.label) {
                    case "cat" -> cat;
                    case "dog" -> dog;
                    default -> car;
                };
                assertThat(l.score).as(l.label).isCloseTo(expected, offset(TOLERANCE));
                assertThat(l.probability).as(l.label).isCloseTo((float) (Math.exp(s * expected) / z), offset(TOLERANCE));
            }
            assertThat(result.labels).extracting(l -> l.score).isSortedAccordingTo((a, b) -> Float.compare(b, a));
            assertThat(result.labels.stream().mapToDouble(l -> l.probability).sum()).isCloseTo(1.0, offset(1e-4));
        }
    }

    @Test
    void topKAndTheThresholdsLimitTheLabels() throws Exception {
        try (var h = harness(TagOptions.builder().optTopK(2).optMinProbability(0f).build())) {
            for (String label : List.of("cat", "dog", "car", "red")) {
                h.processBroadcastElement(upsert("v", label, List.of()), 1);
            }
            h.processElement(image("i", "v", 3), 2);
            assertThat(h.extractOutputValues().get(0).labels).hasSize(2);
        }
        try (var h = harness(TagOptions.builder().optTopK(10).optMinProbability(0.5f).build())) {
            for (String label : List.of("cat", "dog", "car", "red")) {
                h.processBroadcastElement(upsert("v", label, List.of()), 1);
            }
            h.processElement(image("i", "v", 3), 2);
            // four labels: at most one can reach probability 0.5
            List<LabelScore> labels = h.extractOutputValues().get(0).labels;
            assertThat(labels.size()).isLessThanOrEqualTo(1);
            labels.forEach(l -> assertThat(l.probability).isGreaterThanOrEqualTo(0.5f));
        }
    }

    @Test
    void deletionsAndUpdatesApplyWithoutRestart() throws Exception {
        try (var h = harness(all())) {
            h.processBroadcastElement(upsert("v", "cat", List.of()), 1);
            h.processBroadcastElement(upsert("v", "dog", List.of()), 2);
            h.processElement(image("before", "v", 1), 3);
            h.processBroadcastElement(LabelUpdate.delete("v", "dog"), 4);
            h.processBroadcastElement(upsert("v", "car", List.of()), 5);
            EncodedImage after = image("after", "v", 1);
            h.processElement(after, 6);
            h.processBroadcastElement(upsert("v", "cat", List.of("a sketch of a {}")), 7);
            h.processElement(image("updated", "v", 1), 8);

            List<TagResult> out = h.extractOutputValues();
            assertThat(out.get(0).labels).extracting(l -> l.label).containsExactlyInAnyOrder("cat", "dog");
            assertThat(out.get(1).labels).extracting(l -> l.label).containsExactlyInAnyOrder("cat", "car");
            float oldCat = out.get(1).labels.stream().filter(l -> l.label.equals("cat")).findFirst().get().score;
            float newCat = out.get(2).labels.stream().filter(l -> l.label.equals("cat")).findFirst().get().score;
            assertThat(newCat).isCloseTo(dot(after.vector, ensemble("cat", "a sketch of a {}")), offset(TOLERANCE));
            assertThat(newCat).isNotCloseTo(oldCat, offset(1e-6f));
        }
    }

    @Test
    void anUnknownVocabularyIsRejected() throws Exception {
        try (var h = harness(all())) {
            h.processBroadcastElement(upsert("animals", "cat", List.of()), 1);
            h.processElement(image("lost", "vehicles", 4), 2);
            h.processElement(image("defaulted", null, 5), 3);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(rejected(h)).extracting(r -> r.sourceId, r -> r.reason)
                    .containsExactly(tuple("lost", UNKNOWN_VOCABULARY.name()),
                            tuple("defaulted", UNKNOWN_VOCABULARY.name()));
            assertThat(rejected(h).get(0).provenance).isEqualTo(new Provenance("images", 0, 4));

            // deleting the last label makes a vocabulary unknown again
            h.processBroadcastElement(LabelUpdate.delete("animals", "cat"), 4);
            h.processElement(image("gone", "animals", 6), 5);
            assertThat(rejected(h)).extracting(r -> r.sourceId).contains("gone");
        }
    }

    @Test
    void imagesWithoutAVocabularyUseTheDefaultOne() throws Exception {
        try (var h = harness(TagOptions.builder().optDefaultVocabulary("general").optMinProbability(0f).build())) {
            h.processBroadcastElement(upsert("general", "cat", List.of()), 1);
            h.processElement(image("i", null, 2), 2);
            assertThat(h.extractOutputValues()).singleElement().satisfies(r -> {
                assertThat(r.vocabulary).isEqualTo("general");
                assertThat(r.labels).singleElement().satisfies(l -> assertThat(l.probability).isCloseTo(1f, offset(1e-6f)));
            });
        }
    }

    @Test
    void invalidLabelUpdatesAreRejected() throws Exception {
        try (var h = harness(all())) {
            h.processBroadcastElement(upsert("v", "cat", List.of("no placeholder")), 1);
            h.processBroadcastElement(upsert("", "cat", List.of()), 2);
            assertThat(rejected(h)).extracting(r -> r.reason)
                    .containsExactly(INVALID_FIELD.name(), INVALID_FIELD.name());
            h.processElement(image("i", "v", 1), 3);
            assertThat(rejected(h)).extracting(r -> r.reason).last().isEqualTo(UNKNOWN_VOCABULARY.name());
        }
    }

    /** Text-encoding calls made through {@link #COUNTING}. */
    static final AtomicInteger TEXT_CALLS = new AtomicInteger();

    /** The real model, counting its text-encoding calls. */
    static final ModelLoader COUNTING = (dir, device) -> {
        ClipModel real = ClipModel.builder().setModelDir(dir).optDevice(device).build();
        return new ForwardingEncoder(real) {
            @Override
            public float[][] encodeTexts(List<String> texts) {
                TEXT_CALLS.incrementAndGet();
                return super.encodeTexts(texts);
            }

            @Override
            public float[][] encodeTokens(List<long[]> tokens) {
                TEXT_CALLS.incrementAndGet();
                return super.encodeTokens(tokens);
            }
        };
    };

    @Test
    void subtasksOfOneProcessEncodeALabelChangeOnce() throws Exception {
        EncoderOptions encoder = TinyModels.options().build();
        LabelUpdate update = upsert("once", "sketch", List.of("a big {} of the blue dog", "the {}"));
        TEXT_CALLS.set(0);
        try (var first = ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new TaggingFunction(all(), encoder, COUNTING), TaggingFunction.LABELS);
                var second = ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new TaggingFunction(all(), encoder, COUNTING), TaggingFunction.LABELS)) {
            first.processBroadcastElement(update, 1);
            second.processBroadcastElement(update, 1);
            assertThat(TEXT_CALLS.get()).isEqualTo(1);
            EncodedImage img = image("i", "once", 9);
            first.processElement(img, 2);
            second.processElement(img, 2);
            float expected = dot(img.vector, ensemble("sketch", "a big {} of the blue dog", "the {}"));
            assertThat(first.extractOutputValues().get(0).labels.get(0).score).isCloseTo(expected, offset(TOLERANCE));
            assertThat(second.extractOutputValues().get(0).labels.get(0).score).isCloseTo(expected, offset(TOLERANCE));
        }
    }

    @Test
    void labelsSurviveARestoreWithoutBeingSentAgain() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(all())) {
            h.processBroadcastElement(upsert("v", "cat", List.of()), 1);
            h.processBroadcastElement(upsert("v", "dog", List.of()), 2);
            snapshot = h.snapshot(1L, 1L);
        }
        EncoderOptions encoder = TinyModels.options().build();
        try (var h = new BroadcastOperatorTestHarness<EncodedImage, LabelUpdate, TagResult>(
                new CoBroadcastWithNonKeyedOperator<>(
                        new TaggingFunction(all(), encoder, ModelLoader.clipModel()), List.of(TaggingFunction.LABELS)),
                1, 1, 0)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            h.processElement(image("i", "v", 1), 3);
            assertThat(h.extractOutputValues().get(0).labels).extracting(l -> l.label)
                    .containsExactlyInAnyOrder("cat", "dog");
        }
    }
}
