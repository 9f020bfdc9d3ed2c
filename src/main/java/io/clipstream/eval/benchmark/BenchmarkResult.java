package io.clipstream.eval.benchmark;

import java.util.Locale;
import java.util.Optional;

/**
 * Figures of one benchmark run.
 *
 * @param benchmark the set's name
 * @param model the model's id
 * @param images number of images
 * @param captions number of captions
 * @param imageToText Recall@1/5/10 of image queries, fractions
 * @param textToImage Recall@1/5/10 of caption queries, fractions
 * @param msPerImage mean encoding time per image (decoding excluded, preprocessing included)
 * @param msPerCaption mean encoding time per caption (tokenising included)
 * @param published the published figures of this checkpoint on this set, if known
 */
public record BenchmarkResult(String benchmark, String model, int images, int captions, double[] imageToText,
        double[] textToImage, double msPerImage, double msPerCaption, Optional<PublishedFigures.Figures> published) {

    /** The readable table: measured Recall@K both ways, the published R@1 beside it, encoding times. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "benchmark %s, model %s: %d images, %d captions%n", benchmark, model, images, captions));
        sb.append(String.format(Locale.ROOT, "%-16s %7s %7s %7s %14s %14s%n", "retrieval", "R@1", "R@5", "R@10", "published R@1", "ms per item"));
        sb.append(line("image -> text", imageToText, published.map(PublishedFigures.Figures::imageToTextR1), msPerImage));
        sb.append(line("text -> image", textToImage, published.map(PublishedFigures.Figures::textToImageR1), msPerCaption));
        published.ifPresent(p -> sb.append("published: ").append(p.source()).append(System.lineSeparator()));
        return sb.toString();
    }

    /** One JSON object on one line: {@code i2t_r1} ... {@code t2i_r10} as fractions, and the timings. */
    public String jsonLine() {
        return String.format(Locale.ROOT, "{\"benchmark\":\"%s\",\"images\":%d,\"captions\":%d,"
                        + "\"i2t_r1\":%.4f,\"i2t_r5\":%.4f,\"i2t_r10\":%.4f,\"t2i_r1\":%.4f,\"t2i_r5\":%.4f,\"t2i_r10\":%.4f,"
                        + "\"ms_per_image\":%.3f,\"ms_per_caption\":%.3f}",
                benchmark.replace("\"", ""), images, captions, imageToText[0], imageToText[1], imageToText[2],
                textToImage[0], textToImage[1], textToImage[2], msPerImage, msPerCaption);
    }

    private static String line(String name, double[] r, Optional<Double> published, double ms) {
        return String.format(Locale.ROOT, "%-16s %6.1f%% %6.1f%% %6.1f%% %14s %14.2f%n", name, 100 * r[0], 100 * r[1], 100 * r[2],
                published.map(p -> String.format(Locale.ROOT, "%.1f%%", 100 * p)).orElse("-"), ms);
    }
}
