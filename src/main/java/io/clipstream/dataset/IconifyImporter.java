package io.clipstream.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Writes one dataset from an Iconify emoji set: every icon that names a base emoji of the catalogue
 * (see {@link EmojiIndex}) is rendered to PNG with {@link SvgRenderer} and captioned like the
 * {@code emoji-datasource} styles, so all styles share labels. Icons of skin-tone variants and icons
 * the catalogue does not know are counted and left out; each catalogue emoji gets one icon at most.
 */
final class IconifyImporter {

    private IconifyImporter() {}

    static int importSet(String style, IconifySet set, EmojiIndex index, EmojiCaptions captions, Path out, int size,
            PrintStream log) throws IOException {
        Files.createDirectories(out.resolve("img"));
        SvgRenderer renderer = new SvgRenderer();
        Set<String> seen = new HashSet<>();
        int written = 0;
        int unmatched = 0;
        int unrenderable = 0;
        try (DatasetWriter writer = DatasetWriter.create(out)) {
            for (Map.Entry<String, String> icon : set.icons().entrySet()) {
                JsonNode emoji = index.find(icon.getKey(), set.codePoints().get(icon.getKey()));
                if (emoji == null) {
                    emoji = aliasMatch(icon.getKey(), set, index);
                }
                if (emoji == null) {
                    unmatched++;
                    continue;
                }
                String file = emoji.path("image").asText();
                if (file.isEmpty() || !seen.add(file)) {
                    continue;
                }
                BufferedImage image;
                try {
                    image = renderer.render(icon.getValue(), size);
                } catch (IOException | RuntimeException e) {
                    unrenderable++;
                    continue;
                }
                ImageIO.write(image, "png", out.resolve("img").resolve(file).toFile());
                writer.write(new DatasetEntry("img/" + file, captions.captions(emoji), EmojiCaptions.label(emoji),
                        emoji.path("category").asText("")));
                written++;
            }
        }
        DatasetSource.write(out, new DatasetSource("@iconify-json/" + set.prefix(), set.version(), set.licenseSpdx(),
                set.licenseTitle(), set.author()));
        log.printf("%s: %d images written to %s (%d icons not in the catalogue, %d unrenderable), licence %s%n",
                style, written, out, unmatched, unrenderable, set.licenseSpdx());
        return written;
    }

    private static JsonNode aliasMatch(String iconName, IconifySet set, EmojiIndex index) {
        for (Map.Entry<String, String> alias : set.aliases().entrySet()) {
            if (alias.getValue().equals(iconName)) {
                JsonNode hit = index.find(alias.getKey(), set.codePoints().get(alias.getKey()));
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }
}
