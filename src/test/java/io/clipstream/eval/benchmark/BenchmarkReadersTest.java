package io.clipstream.eval.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard files (small fixtures in the exact formats under test resources {@code benchmark/}). */
class BenchmarkReadersTest {

    static Path fixtures() {
        try {
            return Path.of(BenchmarkReadersTest.class.getResource("/benchmark/dataset_coco.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void karpathyCocoKeepsTheTestSplitFiveCaptionsEachUnderItsFilepath() {
        BenchmarkSet set = BenchmarkReaders.karpathy(fixtures().resolve("dataset_coco.json"), fixtures().resolve("coco"), "test", 5);
        assertThat(set.name()).isEqualTo("coco-karpathy-test");
        assertThat(set.images()).hasSize(6).allMatch(Files::isRegularFile)
                .allMatch(p -> p.getParent().getFileName().toString().equals("val2014"));
        assertThat(set.captions()).hasSize(30);
        assertThat(set.captionImage()).startsWith(0, 0, 0, 0, 0, 1).endsWith(5);
        assertThat(set.captions().get(0)).isEqualTo("grinning face");
    }

    @Test
    void karpathyFlickrIsFlatAndTheValSplitIsItsOwn() {
        BenchmarkSet test = BenchmarkReaders.karpathy(fixtures().resolve("dataset_flickr30k.json"), fixtures().resolve("flickr30k-images"), "test", 5);
        assertThat(test.name()).isEqualTo("flickr30k-karpathy-test");
        assertThat(test.images()).hasSize(7);
        assertThat(test.captions()).hasSize(35);
        BenchmarkSet train = BenchmarkReaders.karpathy(fixtures().resolve("dataset_flickr30k.json"), fixtures().resolve("flickr30k-images"), "train", 5);
        assertThat(train.images()).hasSize(1);
    }

    @Test
    void cocoCaptionsGroupAnnotationsByImageIdAndCapThePerImageCount() {
        BenchmarkSet set = BenchmarkReaders.coco(fixtures().resolve("coco/captions_val2017.json"), fixtures().resolve("coco/val2017"), 5);
        assertThat(set.name()).isEqualTo("coco-val2017");
        assertThat(set.images()).hasSize(8);
        assertThat(set.captions()).hasSize(40);
        for (int c = 0; c < set.captions().size(); c++) {
            assertThat(set.captionImage()[c]).isEqualTo(c / 5);
        }
        BenchmarkSet two = BenchmarkReaders.coco(fixtures().resolve("coco/captions_val2017.json"), fixtures().resolve("coco/val2017"), 2);
        assertThat(two.captions()).hasSize(16);
    }

    @Test
    void aMissingImageIsAnErrorThatNamesIt(@TempDir Path empty) {
        assertThatThrownBy(() -> BenchmarkReaders.karpathy(fixtures().resolve("dataset_flickr30k.json"), empty, "test", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000000.png").hasMessageContaining("missing");
    }

    @Test
    void publishedFiguresAreFoundForTheOpenAiCheckpointOnly() {
        assertThat(PublishedFigures.lookup("openai/clip-vit-base-patch32", "coco-karpathy-test")).get()
                .extracting(PublishedFigures.Figures::imageToTextR1, PublishedFigures.Figures::textToImageR1)
                .containsExactly(0.501, 0.304);
        assertThat(PublishedFigures.lookup("clip-vit-base-patch32", "flickr30k-karpathy-test")).get()
                .extracting(PublishedFigures.Figures::imageToTextR1).isEqualTo(0.789);
        assertThat(PublishedFigures.lookup("clip-vit-base-patch32", "coco-val2017")).isEmpty();
        assertThat(PublishedFigures.lookup("clipstream-emoji-small", "flickr30k-karpathy-test")).isEmpty();
    }
}
