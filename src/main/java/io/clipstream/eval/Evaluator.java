package io.clipstream.eval;

import io.clipstream.dataset.CaptionDataset;
import io.clipstream.dataset.DatasetEntry;
import io.clipstream.model.ClipEncoder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Evaluates an encoder on a captioned dataset: retrieval recall in both directions with each
 * image's label as its one caption (all distinct labels are the text candidates, all images the
 * image candidates), zero-shot accuracy over a label list, and MATCH threshold calibration on
 * each image paired with its own label (should match) and with randomly drawn other labels (should
 * not); and the single-modality baselines of {@link NeighbourBaselines}.
 */
public final class Evaluator {

    private final EvalOptions options;
    private final PrintStream log;

    public Evaluator(EvalOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** Runs every measurement on an already-loaded dataset. */
    public EvalResult evaluate(ClipEncoder encoder, CaptionDataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("dataset " + data.folder() + " has no usable entries: " + data.report());
        }
        Map<String, Integer> classOf = new LinkedHashMap<>();
        List<String> candidates = new ArrayList<>();
        int[] imageClass = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            DatasetEntry e = data.entries().get(i);
            String key = e.label().toLowerCase(Locale.ROOT);
            Integer c = classOf.get(key);
            if (c == null) {
                c = candidates.size();
                classOf.put(key, c);
                candidates.add(e.label());
            }
            imageClass[i] = c;
        }
        int[] textClass = new int[candidates.size()];
        for (int c = 0; c < textClass.length; c++) {
            textClass[c] = c;
        }
        log.printf("encoding %d images and %d captions%n", data.size(), candidates.size());
        float[][] images = BatchedEncoding.images(encoder, data.images(), options.batchSize);
        float[][] texts = BatchedEncoding.texts(encoder, candidates, options.batchSize);
        float[][] sim = Retrieval.similarity(images, texts);
        int[] i2t = Retrieval.ranks(sim, imageClass, textClass);
        int[] t2i = Retrieval.ranks(Retrieval.transpose(sim), textClass, imageClass);
        Map<Integer, Double> imageToText = new LinkedHashMap<>();
        Map<Integer, Double> textToImage = new LinkedHashMap<>();
        for (int k : EvalResult.KS) {
            imageToText.put(k, Retrieval.recallAt(i2t, k));
            textToImage.put(k, Retrieval.recallAt(t2i, k));
        }
        double zeroShot = zeroShot(encoder, data, images, candidates);
        ThresholdCalibration calibration = calibrate(sim, imageClass, textClass);
        float[][] entryTexts = new float[data.size()][];
        for (int i = 0; i < entryTexts.length; i++) {
            entryTexts[i] = texts[imageClass[i]];
        }
        NeighbourBaselines baselines = NeighbourBaselines.of(data.entries(), images, entryTexts);
        return new EvalResult(encoder.modelId(), data.folder().getFileName().toString(), data.size(), candidates.size(),
                imageToText, textToImage, zeroShot, labels(candidates).size(), calibration, baselines);
    }

    private List<String> labels(List<String> candidates) {
        return options.labels.isEmpty() ? candidates : options.labels;
    }

    private double zeroShot(ClipEncoder encoder, CaptionDataset data, float[][] images, List<String> candidates) {
        List<String> labels = labels(candidates);
        float[][] labelVectors = ZeroShot.labelEmbeddings(encoder, labels, options.effectiveTemplates(), options.batchSize);
        int[] predicted = ZeroShot.predict(images, labelVectors);
        int correct = 0;
        for (int i = 0; i < images.length; i++) {
            if (labels.get(predicted[i]).equalsIgnoreCase(data.entries().get(i).label())) {
                correct++;
            }
        }
        return (double) correct / images.length;
    }

    private ThresholdCalibration calibrate(float[][] sim, int[] imageClass, int[] textClass) {
        Random random = new Random(options.seed);
        float[] matched = new float[sim.length];
        List<Float> mismatched = new ArrayList<>();
        for (int i = 0; i < sim.length; i++) {
            matched[i] = sim[i][imageClass[i]];
            for (int n = 0; n < options.negativesPerImage && textClass.length > 1; n++) {
                int j;
                do {
                    j = random.nextInt(textClass.length);
                } while (textClass[j] == imageClass[i]);
                mismatched.add(sim[i][j]);
            }
        }
        float[] neg = new float[mismatched.size()];
        for (int i = 0; i < neg.length; i++) {
            neg[i] = mismatched.get(i);
        }
        return ThresholdCalibration.of(matched, neg);
    }
}
