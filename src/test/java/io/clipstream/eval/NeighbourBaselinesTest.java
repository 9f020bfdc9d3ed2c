package io.clipstream.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clipstream.dataset.DatasetEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-modality baselines on vectors whose neighbours are known. */
class NeighbourBaselinesTest {

    private static final List<DatasetEntry> ENTRIES = List.of(
            new DatasetEntry("a.png", List.of("cat", "pet"), "cat", ""),
            new DatasetEntry("b.png", List.of("kitten", "Pet"), "kitten", ""),
            new DatasetEntry("c.png", List.of("car"), "car", ""),
            new DatasetEntry("d.png", List.of("truck"), "truck", ""));

    @Test
    void entriesSharingACaptionAreRelatedCaseInsensitively() {
        var related = NeighbourBaselines.related(ENTRIES);
        assertThat(related[0].stream().toArray()).containsExactly(1);
        assertThat(related[1].stream().toArray()).containsExactly(0);
        assertThat(related[2].isEmpty()).isTrue();
    }

    @Test
    void imagesThatFindTheirRelatedImageButTextsThatDoNotShowInTheRightRows() {
        // images: the two pets side by side; texts: each pet text is closest to a vehicle
        float[][] images = {{1, 0}, {0.9f, 0.1f}, {0, 1}, {-1, 0}};
        float[][] texts = {{0, 1}, {-1, 0}, {0.1f, 0.9f}, {-0.9f, -0.1f}};
        NeighbourBaselines b = NeighbourBaselines.of(ENTRIES, images, texts);
        assertThat(b.queries()).isEqualTo(2);
        assertThat(b.imageToImage()[0]).isEqualTo(1.0, within(1e-9));
        assertThat(b.textToText()[0]).isEqualTo(0.0, within(1e-9));
        assertThat(b.textToText()[2]).isEqualTo(1.0, within(1e-9)); // 3 candidates: always within 10
        assertThat(b.table()).contains("image -> image", "text -> text", "100.0%", "2 queries");
    }

    @Test
    void reportShowsTheBaselinesAndTheTrainingCurvesOfTheModel(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(ModelMetadata.FILE), "{\"training\":{\"curves\":{\"step\":[1,2,3],\"loss\":[2.7,2.0,1.5],"
                + "\"image_grad_norm\":[1.0,0.8,0.5],\"text_grad_norm\":[0.5,0.4,null],\"text_share\":[0.333,0.333,null]}}}");
        ThresholdCalibration cal = ThresholdCalibration.of(new float[] {0.9f, 0.6f}, new float[] {0.3f, 0.1f});
        NeighbourBaselines b = new NeighbourBaselines(new double[] {0.25, 0.5, 1}, new double[] {0.125, 0.5, 1},
                new double[] {0.5, 1, 1}, new double[] {0.375, 1, 1}, 8);
        EvalResult r = new EvalResult("m", "d", 2, 2, Map.of(1, 0.5, 5, 1.0, 10, 1.0), Map.of(1, 0.5, 5, 1.0, 10, 1.0), 1, 2, cal, b);
        Path page = dir.resolve("r.html");
        HtmlReport.write(r, page, TrainingCurves.read(dir).orElseThrow(), "<h2>extra</h2>");
        String html = Files.readString(page);
        assertThat(html).contains("Single-modality baselines", "image &rarr; image", "12.5%", "37.5%", "Training", "text share",
                "<h2>extra</h2>").endsWith("</body></html>\n");
        assertThat(html.split("<polyline", -1)).hasSize(1 + 3 + 4);
        assertThat(TrainingCurves.read(dir.resolve("none"))).isEmpty();
    }
}
