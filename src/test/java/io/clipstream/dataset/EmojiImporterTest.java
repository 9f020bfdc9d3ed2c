package io.clipstream.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the importer on hand-made tarballs laid out like the npm packages; no network, no npm. */
class EmojiImporterTest {

    @TempDir Path dir;

    private Path packs() throws IOException {
        Path packs = dir.resolve("packs");
        Files.createDirectories(packs);
        for (String name : List.of("emoji-datasource-twitter-16.0.0.tgz", "emoji-datasource-google-16.0.0.tgz", "emojilib-4.0.3.tgz")) {
            try (InputStream in = getClass().getResourceAsStream("/emoji-packs/" + name)) {
                Files.copy(in, packs.resolve(name));
            }
        }
        return packs;
    }

    @Test
    void writesOneDatasetPerStyleWithBaseEmojiOnlyAndCaptionsFromNamesShortNamesAndKeywords() throws IOException {
        Path out = dir.resolve("emoji");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, Integer> written = EmojiImporter.run(
                new EmojiImportOptions(out, List.of("twitter", "google"), 32, packs(), "16.0.0", "4.0.3"),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        // twitter lists 4 emoji with an image: one PNG is corrupt and one is missing from the archive
        assertThat(written).containsEntry("twitter", 2).containsEntry("google", 3);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("twitter: 2 images", "1 listed without an image, 1 unreadable");

        CaptionDataset twitter = CaptionDataset.load(out.resolve("twitter"));
        assertThat(twitter.report().skippedCount()).isZero();
        assertThat(twitter.entries()).extracting(DatasetEntry::label).containsExactly("grinning face", "waving hand sign");
        DatasetEntry grinning = twitter.entries().get(0);
        assertThat(grinning.captions()).startsWith("grinning face", "grinning", "face", "smile", "happy")
                .contains("a grinning face", "an emoji of a grinning face", "the grinning");
        assertThat(grinning.group()).isEqualTo("Smileys & Emotion");
        assertThat(twitter.entries().get(1).captions()).startsWith("waving hand sign", "wave", "waving hand", "hands", "farewell");
        assertThat(twitter.images().get(0).getWidth()).isEqualTo(32);
        assertThat(twitter.images().get(0).getRGB(16, 16) & 0xffffff).isEqualTo(0xfac800);
        // skin-tone variants are not base emoji
        try (var files = Files.list(out.resolve("twitter").resolve("img"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("1f600.png", "1f44b.png");
        }

        CaptionDataset google = CaptionDataset.load(out.resolve("google"));
        assertThat(google.entries()).extracting(DatasetEntry::label).containsExactly("grinning face", "waving hand sign", "red apple");
        assertThat(google.entries().get(2).captions()).startsWith("red apple", "apple", "fruit", "mac").contains("an apple", "a red apple");
    }

    @Test
    void refusesAnUnknownStyle() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new EmojiImportOptions(dir, List.of("twitter", "emojitwo"), 64, null, "16.0.0", "4.0.3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("emojitwo");
    }
}
