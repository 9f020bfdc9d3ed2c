package io.clipstream.eval.benchmark;

import io.clipstream.eval.Retrieval;
import io.clipstream.model.ClipEncoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Runs the standard retrieval protocol of a {@link BenchmarkSet} on an encoder: every image and
 * every caption is encoded once (images are decoded a batch at a time, so 5,000 COCO photographs
 * never sit in memory together), then Recall@1/5/10 both ways by {@link CrossModalRanks}.
 *
 * <pre>{@code
 * BenchmarkSet set = BenchmarkReaders.karpathy(Path.of("dataset_flickr30k.json"), Path.of("flickr30k-images"), "test", 5);
 * BenchmarkResult r = new RetrievalBenchmark(64, System.err).run(encoder, set, "clip-vit-base-patch32");
 * System.out.print(r.table());
 * }</pre>
 */
public final class RetrievalBenchmark {

    private static final int[] KS = {1, 5, 10};

    private final int batchSize;
    private final PrintStream log;

    public RetrievalBenchmark(int batchSize, PrintStream log) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.batchSize = batchSize;
        this.log = log;
    }

    /** Encodes, ranks and measures; {@code modelName} selects the published figures shown beside. */
    public BenchmarkResult run(ClipEncoder encoder, BenchmarkSet set, String modelName) {
        log.printf("%s: encoding %d images and %d captions%n", set.name(), set.images().size(), set.captions().size());
        float[][] images = new float[set.images().size()][];
        long imageNanos = 0;
        for (int start = 0; start < images.length; start += batchSize) {
            List<BufferedImage> batch = new ArrayList<>();
            for (Path p : set.images().subList(start, Math.min(images.length, start + batchSize))) {
                batch.add(decode(p));
            }
            long t = System.nanoTime();
            float[][] part = encoder.encodeImages(batch);
            imageNanos += System.nanoTime() - t;
            System.arraycopy(part, 0, images, start, part.length);
        }
        float[][] texts = new float[set.captions().size()][];
        long textNanos = 0;
        for (int start = 0; start < texts.length; start += batchSize) {
            long t = System.nanoTime();
            float[][] part = encoder.encodeTexts(set.captions().subList(start, Math.min(texts.length, start + batchSize)));
            textNanos += System.nanoTime() - t;
            System.arraycopy(part, 0, texts, start, part.length);
        }
        int[][] ranks = CrossModalRanks.of(images, texts, set.captionImage());
        double[] i2t = new double[KS.length];
        double[] t2i = new double[KS.length];
        for (int k = 0; k < KS.length; k++) {
            i2t[k] = Retrieval.recallAt(ranks[0], KS[k]);
            t2i[k] = Retrieval.recallAt(ranks[1], KS[k]);
        }
        Optional<PublishedFigures.Figures> published = PublishedFigures.lookup(modelName, set.name());
        return new BenchmarkResult(set.name(), encoder.modelId(), images.length, texts.length, i2t, t2i,
                imageNanos / 1e6 / images.length, textNanos / 1e6 / texts.length, published);
    }

    private static BufferedImage decode(Path file) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
            if (image == null) {
                throw new IllegalArgumentException("cannot decode image " + file);
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + file, e);
        }
    }
}
