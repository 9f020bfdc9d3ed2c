package io.clipstream.train;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.clipstream.dataset.CaptionDataset;
import io.clipstream.dataset.DatasetEntry;
import io.clipstream.preprocess.ClipImageProcessor;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The training set held in memory as model-ready arrays: each image both as raw RGB (for
 * augmentation) and exactly as inference preprocesses it, each caption tokenised once. Entries
 * with the same label form one class; a batch draws distinct classes so that two pictures of the
 * same thing are never pushed apart as negatives.
 */
final class TrainingData {

    /** One step's inputs: pixels {@code [b, 3, s, s]}, ids {@code [b, length]}, soft targets {@code [b, b]}. */
    record Batch(int size, float[] pixels, long[] ids, int length, float[] targets) {}

    private final List<float[]> raw = new ArrayList<>();
    private final int[] rawWidth;
    private final int[] rawHeight;
    private final List<float[]> clean = new ArrayList<>();
    private final List<long[][]> captions = new ArrayList<>();
    private final List<List<String>> captionTexts = new ArrayList<>();
    private final HuggingFaceTokenizer tokenizer;
    private final SynonymReplacer synonyms;
    private final int[] labelCaption;
    private final int[][] classes;
    private final int imageSize;

    TrainingData(List<CaptionDataset> datasets, ClipImageProcessor processor, HuggingFaceTokenizer tokenizer) {
        this(datasets, processor, tokenizer, null);
    }

    /**
     * @param synonyms caption synonym replacement applied to the samples whose image is augmented,
     *                 or null for none
     */
    TrainingData(List<CaptionDataset> datasets, ClipImageProcessor processor, HuggingFaceTokenizer tokenizer,
            SynonymReplacer synonyms) {
        this.tokenizer = tokenizer;
        this.synonyms = synonyms;
        List<DatasetEntry> entries = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        for (CaptionDataset d : datasets) {
            entries.addAll(d.entries());
            images.addAll(d.images());
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the training datasets hold no usable entries");
        }
        imageSize = processor.cropSize();
        rawWidth = new int[entries.size()];
        rawHeight = new int[entries.size()];
        labelCaption = new int[entries.size()];
        Map<String, List<Integer>> byLabel = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            BufferedImage image = images.get(i);
            rawWidth[i] = image.getWidth();
            rawHeight[i] = image.getHeight();
            raw.add(rgb(image));
            clean.add(processor.preprocess(image));
            DatasetEntry e = entries.get(i);
            List<String> texts = new ArrayList<>(e.captions());
            int label = texts.indexOf(e.label());
            if (label < 0) {
                texts.add(0, e.label());
                label = 0;
            }
            labelCaption[i] = label;
            long[][] ids = new long[texts.size()][];
            for (int c = 0; c < texts.size(); c++) {
                ids[c] = tokenizer.encode(texts.get(c)).getIds();
            }
            captions.add(ids);
            captionTexts.add(List.copyOf(texts));
            byLabel.computeIfAbsent(e.label().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
        }
        classes = byLabel.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .sorted((a, b) -> Integer.compare(a[0], b[0])).toArray(int[][]::new);
    }

    /** Number of distinct classes (labels). */
    int classCount() {
        return classes.length;
    }

    /** Number of images. */
    int imageCount() {
        return raw.size();
    }

    /**
     * The batch of a step. Everything random derives from {@code random}, which the trainer seeds
     * from the run seed and the step number, so a resumed run draws exactly the batches the
     * uninterrupted run would have drawn.
     */
    Batch sample(int batchSize, Random random, Augmenter augmenter, TrainOptions o) {
        int b = Math.min(batchSize, classes.length);
        int[] order = new int[classes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int plane = 3 * imageSize * imageSize;
        float[] pixels = new float[b * plane];
        long[][] ids = new long[b][];
        int length = 0;
        for (int k = 0; k < b; k++) {
            int j = k + random.nextInt(order.length - k);
            int cls = order[j];
            order[j] = order[k];
            order[k] = cls;
            int[] members = classes[cls];
            int entry = members[random.nextInt(members.length)];
            long[][] texts = captions.get(entry);
            int caption = random.nextDouble() < o.nameProbability ? labelCaption[entry] : random.nextInt(texts.length);
            ids[k] = texts[caption];
            boolean plain = !o.augment || random.nextDouble() < o.cleanProbability;
            float[] image = plain ? clean.get(entry) : augmenter.apply(raw.get(entry), rawWidth[entry], rawHeight[entry], random);
            if (!plain && synonyms != null) {
                // synchronised: a sample is augmented in both modalities or in neither
                ids[k] = tokenizer.encode(synonyms.augment(captionTexts.get(entry).get(caption), o.synonymProbability, random)).getIds();
            }
            length = Math.max(length, ids[k].length);
            System.arraycopy(image, 0, pixels, k * plane, plane);
        }
        long[] flat = new long[b * length];
        for (int k = 0; k < b; k++) {
            System.arraycopy(ids[k], 0, flat, k * length, ids[k].length);
        }
        return new Batch(b, pixels, flat, length, targets(ids));
    }

    /**
     * Row-normalised targets: pair (i, j) is positive when i == j or the two captions are the same
     * token sequence (generic keywords such as "face" recur across classes).
     */
    static float[] targets(long[][] ids) {
        int b = ids.length;
        float[] t = new float[b * b];
        for (int i = 0; i < b; i++) {
            int positives = 0;
            for (int j = 0; j < b; j++) {
                if (i == j || Arrays.equals(ids[i], ids[j])) {
                    t[i * b + j] = 1;
                    positives++;
                }
            }
            for (int j = 0; j < b; j++) {
                t[i * b + j] /= positives;
            }
        }
        return t;
    }

    /** Channel-first RGB in [0, 1]. */
    static float[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[3 * w * h];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = ((p >> 16) & 0xff) / 255f;
            out[plane + i] = ((p >> 8) & 0xff) / 255f;
            out[2 * plane + i] = (p & 0xff) / 255f;
        }
        return out;
    }
}
