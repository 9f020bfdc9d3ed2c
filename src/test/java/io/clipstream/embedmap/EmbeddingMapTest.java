package io.clipstream.embedmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clipstream.cli.ClipstreamCli;
import io.clipstream.dataset.CaptionDataset;
import io.clipstream.model.ClipModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projections on data with known structure, and the map of the bundled model's held-out samples. */
class EmbeddingMapTest {

    /** The repository root: tests run in the core module's folder, {@code src/}. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path BUNDLED = ROOT.resolve("models/clipstream-emoji-small");
    static final Path SAMPLES = BUNDLED.resolve("samples");

    /** Two well separated clusters of 30 points in 8 dimensions, offset along different axes. */
    private static float[][] clusters() {
        Random r = new Random(3);
        float[][] x = new float[60][8];
        for (int i = 0; i < 60; i++) {
            for (int d = 0; d < 8; d++) {
                x[i][d] = (float) (0.05 * r.nextGaussian());
            }
            x[i][i < 30 ? 0 : 1] += 1;
        }
        return x;
    }

    private static double separation(float[][] xy) {
        // smallest between-cluster distance over largest within-cluster distance
        double within = 0;
        double between = Double.MAX_VALUE;
        for (int i = 0; i < xy.length; i++) {
            for (int j = i + 1; j < xy.length; j++) {
                double d = Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]);
                if ((i < 30) == (j < 30)) {
                    within = Math.max(within, d);
                } else {
                    between = Math.min(between, d);
                }
            }
        }
        return between / within;
    }

    @Test
    void umapAndPcaKeepTwoSeparatedClustersApart() {
        float[][] x = clusters();
        assertThat(separation(Projection.pca().project(x))).isGreaterThan(1.0);
        float[][] u = Projection.umap(10, 7).project(x);
        assertThat(u).hasNumberOfRows(60);
        double[] c0 = centroid(u, 0, 30);
        double[] c1 = centroid(u, 30, 60);
        double gap = Math.hypot(c0[0] - c1[0], c0[1] - c1[1]);
        // every point is nearer its own cluster's centre than the other one's
        for (int i = 0; i < 60; i++) {
            double[] own = i < 30 ? c0 : c1;
            double[] other = i < 30 ? c1 : c0;
            assertThat(Math.hypot(u[i][0] - own[0], u[i][1] - own[1])).isLessThan(Math.hypot(u[i][0] - other[0], u[i][1] - other[1]));
        }
        assertThat(gap).isPositive();
    }

    @Test
    void pcaFindsTheDirectionOfLargestVariance() {
        float[][] x = new float[50][3];
        Random r = new Random(1);
        for (int i = 0; i < 50; i++) {
            x[i][0] = (float) (0.1 * r.nextGaussian());
            x[i][1] = (float) (3 * r.nextGaussian());
            x[i][2] = (float) (0.1 * r.nextGaussian());
        }
        float[][] p = Pca.project(x, 2);
        double mean = 0;
        for (float[] v : x) {
            mean += v[1] / 50;
        }
        for (int i = 0; i < 50; i++) {
            assertThat((double) Math.abs(p[i][0])).isCloseTo(Math.abs(x[i][1] - mean), within(0.35));
        }
    }

    @Test
    void embedMapWritesAnInteractivePageAndAPngWithBothModalitiesMarkedApart(@TempDir Path out) throws Exception {
        int exit = ClipstreamCli.commandLine().execute("embed-map", "--model", BUNDLED.toString(), "--dataset", SAMPLES.toString(),
                "--limit", "60", "--out", out.toString());
        assertThat(exit).isZero();
        String html = Files.readString(out.resolve(EmbeddingMapWriter.HTML));
        assertThat(html).contains("UMAP (15 neighbours", "data-kind=\"image\"", "data-kind=\"text\"", "data:image/png;base64,",
                "mouseover", "grinning face", "Modality gap");
        assertThat(html.split("<circle", -1)).hasSize(61);
        assertThat(html.split("<polygon", -1)).hasSize(61);
        BufferedImage png = ImageIO.read(out.resolve(EmbeddingMapWriter.PNG).toFile());
        assertThat(png.getWidth()).isEqualTo(720);
        boolean blue = false;
        boolean orange = false;
        for (int y = 0; y < 720; y++) {
            for (int x = 0; x < 720; x++) {
                int rgb = png.getRGB(x, y) & 0xffffff;
                blue |= rgb == 0x1f77b4;
                orange |= rgb == 0xff7f0e;
            }
        }
        assertThat(blue).isTrue();
        assertThat(orange).isTrue();
    }

    @Test
    void aTinySetFallsBackToPcaAndSaysSo() {
        CaptionDataset data = CaptionDataset.load(SAMPLES);
        try (ClipModel clip = ClipModel.load(BUNDLED)) {
            EmbeddingMap map = EmbeddingMap.of(clip, data, 4, Projection.umap(15, 7), 8);
            assertThat(map.projection()).startsWith("PCA").contains("fallback");
            assertThat(map.points()).hasSize(8);
            assertThat(map.points().get(0).image()).isTrue();
            assertThat(map.points().get(4).image()).isFalse();
            assertThat(map.points().get(4).caption()).isEqualTo(map.points().get(0).caption());
            assertThat(map.modalityGap()).isPositive();
        }
    }

    @Test
    void evalReportCarriesTheEmbeddingMapAndTheBaselines(@TempDir Path out) throws Exception {
        Path report = out.resolve("eval.html");
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
        int exit;
        try {
            exit = ClipstreamCli.commandLine().execute("eval", "--model", BUNDLED.toString(), "--dataset", SAMPLES.toString(),
                    "--report", report.toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(exit).isZero();
        assertThat(Files.readString(report)).contains("Single-modality baselines", "image &rarr; image", "Embedding map",
                "UMAP (15 neighbours", "text share").endsWith("</body></html>\n");
    }

    private static double[] centroid(float[][] u, int from, int to) {
        double[] c = new double[2];
        for (int i = from; i < to; i++) {
            c[0] += u[i][0] / (to - from);
            c[1] += u[i][1] / (to - from);
        }
        return c;
    }
}
