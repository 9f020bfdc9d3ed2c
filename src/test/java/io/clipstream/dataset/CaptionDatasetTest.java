package io.clipstream.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionDatasetTest {

    @TempDir Path dir;

    private void png(String name) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", dir.resolve(name).toFile());
    }

    @Test
    void badEntriesAreCountedAndSkippedWhileGoodOnesLoad() throws IOException {
        png("img/a.png");
        png("img/b.png");
        Files.writeString(dir.resolve("img/broken.png"), "this is not an image");
        Files.writeString(dir.resolve("captions.jsonl"), String.join("\n",
                "{\"image\":\"img/a.png\",\"captions\":[\"red circle\",\"circle\"],\"label\":\"red circle\",\"group\":\"shapes\"}",
                "{\"image\":\"img/missing.png\",\"captions\":[\"ghost\"]}",
                "{\"image\":\"img/broken.png\",\"captions\":[\"broken\"]}",
                "{\"image\":\"img/b.png\",\"captions\":[\"  \"]}",
                "{\"image\":\"img/b.png\",\"captions\":[]}",
                "not json at all",
                "{\"captions\":[\"no image\"]}",
                "{\"image\":\"../outside.png\",\"captions\":[\"escape\"]}",
                "",
                "{\"image\":\"img/b.png\",\"captions\":[\"blue square\"]}"));

        CaptionDataset data = CaptionDataset.load(dir);

        assertThat(data.size()).isEqualTo(2);
        assertThat(data.entries()).extracting(DatasetEntry::label).containsExactly("red circle", "blue square");
        assertThat(data.entries().get(0).group()).isEqualTo("shapes");
        assertThat(data.images()).hasSize(2);
        DatasetReport r = data.report();
        assertThat(r.loadedCount()).isEqualTo(2);
        assertThat(r.count(DatasetReport.Problem.MISSING_IMAGE)).isEqualTo(1);
        assertThat(r.count(DatasetReport.Problem.UNREADABLE_IMAGE)).isEqualTo(1);
        assertThat(r.count(DatasetReport.Problem.EMPTY_CAPTIONS)).isEqualTo(2);
        assertThat(r.count(DatasetReport.Problem.MALFORMED_LINE)).isEqualTo(2);
        assertThat(r.count(DatasetReport.Problem.OUTSIDE_FOLDER)).isEqualTo(1);
        assertThat(r.skippedCount()).isEqualTo(7);
        assertThat(r.examples()).hasSize(5).first().asString().startsWith("line 2: MISSING_IMAGE");
        assertThat(r.toString()).contains("loaded 2", "skipped 7", "empty_captions=2");
    }

    @Test
    void writerOutputLoadsBack() throws IOException {
        png("x.png");
        try (DatasetWriter w = DatasetWriter.create(dir)) {
            w.write(new DatasetEntry("x.png", List.of("green triangle", "triangle"), null, null));
        }
        CaptionDataset data = CaptionDataset.load(dir);
        assertThat(data.entries()).containsExactly(new DatasetEntry("x.png", List.of("green triangle", "triangle"), "green triangle", ""));
    }

    @Test
    void aFolderWithoutCaptionsFileIsAClearError() {
        assertThatThrownBy(() -> CaptionDataset.load(dir.resolve("nothing"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("captions.jsonl");
    }
}
