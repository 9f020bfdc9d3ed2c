package io.clipstream.eval;

import java.util.Map;

/**
 * Figures of one evaluation.
 *
 * @param modelId the evaluated model
 * @param dataset name of the dataset folder
 * @param images number of images evaluated
 * @param candidates number of distinct labels (text candidates)
 * @param imageToText Recall@K of image→text retrieval, by K
 * @param textToImage Recall@K of text→image retrieval, by K
 * @param zeroShotAccuracy top-1 zero-shot classification accuracy
 * @param zeroShotLabels size of the zero-shot label list
 * @param calibration MATCH threshold calibration on matched and mismatched pairs
 * @param baselines single-modality baselines beside the cross-modal figures, or null
 */
public record EvalResult(String modelId, String dataset, int images, int candidates, Map<Integer, Double> imageToText,
        Map<Integer, Double> textToImage, double zeroShotAccuracy, int zeroShotLabels, ThresholdCalibration calibration,
        NeighbourBaselines baselines) {

    /** Figures without the single-modality baselines. */
    public EvalResult(String modelId, String dataset, int images, int candidates, Map<Integer, Double> imageToText,
            Map<Integer, Double> textToImage, double zeroShotAccuracy, int zeroShotLabels, ThresholdCalibration calibration) {
        this(modelId, dataset, images, candidates, imageToText, textToImage, zeroShotAccuracy, zeroShotLabels, calibration, null);
    }

    /** The K values reported. */
    public static final int[] KS = {1, 5, 10};

    /** One JSON object on one line: {@code i2t_r1} ... {@code t2i_r10} as fractions, and zero-shot accuracy. */
    public String jsonLine() {
        return String.format(java.util.Locale.ROOT, "{\"dataset\":\"%s\",\"images\":%d,\"i2t_r1\":%.4f,\"i2t_r5\":%.4f,\"i2t_r10\":%.4f,"
                        + "\"t2i_r1\":%.4f,\"t2i_r5\":%.4f,\"t2i_r10\":%.4f,\"zero_shot\":%.4f}",
                dataset.replace("\"", ""), images, imageToText.get(1), imageToText.get(5), imageToText.get(10),
                textToImage.get(1), textToImage.get(5), textToImage.get(10), zeroShotAccuracy);
    }

    /** A fixed-width text table of every figure. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("model %s on %s: %d images, %d distinct captions%n", modelId, dataset, images, candidates));
        sb.append(String.format("%-22s %8s %8s %8s%n", "retrieval", "R@1", "R@5", "R@10"));
        sb.append(String.format("%-22s %7.1f%% %7.1f%% %7.1f%%%n", "image -> text", 100 * imageToText.get(1), 100 * imageToText.get(5), 100 * imageToText.get(10)));
        sb.append(String.format("%-22s %7.1f%% %7.1f%% %7.1f%%%n", "text -> image", 100 * textToImage.get(1), 100 * textToImage.get(5), 100 * textToImage.get(10)));
        sb.append(String.format("zero-shot accuracy     %7.1f%% over %d labels%n", 100 * zeroShotAccuracy, zeroShotLabels));
        ThresholdCalibration.Point b = calibration.best();
        sb.append(String.format("match threshold        %.4f (F1 %.3f, precision %.3f, recall %.3f; %d matched / %d mismatched pairs)%n",
                b.threshold(), b.f1(), b.precision(), b.recall(), calibration.matchedCount(), calibration.mismatchedCount()));
        if (baselines != null) {
            sb.append(baselines.table());
        }
        return sb.toString();
    }
}
