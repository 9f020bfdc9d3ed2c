package io.clipstream.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
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

/**
 * Imports a hand-made Iconify package (a few SVG icons, an alias, a {@code chars.json}) against a
 * small catalogue: joins on code points and names, renders the SVGs, records the licence. No network.
 */
class IconifyImportTest {

    @TempDir Path dir;

    private Path packs() throws IOException {
        Path packs = dir.resolve("packs");
        Files.createDirectories(packs);
        for (String name : List.of("emoji-datasource-16.0.0.tgz", "iconify-json-twemoji-1.2.5.tgz", "emojilib-4.0.3.tgz")) {
            try (InputStream in = getClass().getResourceAsStream("/emoji-packs/" + name)) {
                Files.copy(in, packs.resolve(name));
            }
        }
        return packs;
    }

    @Test
    void joinsIconsToTheCatalogueRendersTheirSvgOnWhiteAndRecordsTheLicence() throws IOException {
        Path out = dir.resolve("emoji");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, Integer> written = EmojiImporter.run(
                new EmojiImportOptions(out, List.of("twemoji"), 32, packs(), "16.0.0", "4.0.3"),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        // grinning-face by name, waving-hand by chars.json, u1f34e by the code point in its name;
        // the skin-tone variant and the unknown icon are not base emoji of the catalogue
        assertThat(written).containsEntry("twemoji", 3);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("twemoji: 3 images", "2 icons not in the catalogue", "CC-BY-4.0");

        CaptionDataset set = CaptionDataset.load(out.resolve("twemoji"));
        assertThat(set.entries()).extracting(DatasetEntry::label).containsExactly("grinning face", "waving hand sign", "red apple");
        assertThat(set.entries()).extracting(DatasetEntry::image).containsExactly("img/1f600.png", "img/1f44b.png", "img/1f34e.png");
        assertThat(set.entries().get(0).captions()).startsWith("grinning face", "grinning").contains("a grinning face", "face", "happy");
        assertThat(set.entries().get(2).captions()).contains("red apple", "an apple", "a picture of an apple", "fruit");

        BufferedImage grinning = set.images().get(0);
        assertThat(grinning.getWidth()).isEqualTo(32);
        assertThat(grinning.getRGB(16, 16) & 0xffffff).isEqualTo(0xfac800);
        assertThat(grinning.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff); // outside the circle: white, not transparent black
        // a 72 x 36 icon keeps its aspect ratio: a band across the middle, white above and below
        BufferedImage wave = set.images().get(1);
        assertThat(wave.getRGB(16, 16) & 0xffffff).isEqualTo(0xff0000);
        assertThat(wave.getRGB(16, 2) & 0xffffff).isEqualTo(0xffffff);
        assertThat(set.images().get(2).getRGB(16, 16) & 0xffffff).isEqualTo(0x0000ff);

        DatasetSource source = DatasetSource.read(out.resolve("twemoji"));
        assertThat(source).isEqualTo(new DatasetSource("@iconify-json/twemoji", "1.2.5", "CC-BY-4.0", "CC BY 4.0", "Twitter"));
    }

    @Test
    void monochromeIconsDrawnInCurrentColorComeOutBlackOnWhite() throws IOException {
        // the monochrome sets (fluent-emoji-high-contrast, emojione-monotone) draw with currentColor only
        String svg = SvgRenderer.iconSvg("<path fill=\"currentColor\" d=\"M4 4h8v8H4z\"/>", 0, 0, 16, 16);
        BufferedImage image = new SvgRenderer().render(svg, 32);
        assertThat(image.getRGB(16, 16) & 0xffffff).isEqualTo(0x000000);
        assertThat(image.getRGB(2, 2) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void refusesTheReservedOutsideCheckSet() {
        assertThatThrownBy(() -> new EmojiImportOptions(dir, List.of("twemoji", "openmoji"), 64, null, "16.0.0", "4.0.3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }
}
