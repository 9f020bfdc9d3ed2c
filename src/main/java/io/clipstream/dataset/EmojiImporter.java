package io.clipstream.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Builds captioned datasets from the emoji image sets published as npm packages
 * ({@code emoji-datasource-<style>}, with {@code emojilib} for keywords): one dataset folder per art
 * style, base emoji only (skin-tone variants live nested under each emoji in {@code emoji.json} and
 * are left out). Images are flattened onto white so transparency means the same in every style.
 *
 * <pre>{@code
 * EmojiImporter.run(EmojiImportOptions.defaults(Path.of("data/emoji")), System.err);
 * // data/emoji/twitter/captions.jsonl, data/emoji/facebook/..., data/emoji/google/...
 * }</pre>
 */
public final class EmojiImporter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SOURCE_SIZE = 64;

    private EmojiImporter() {}

    /** Imports every requested style; returns the number of images written per style. */
    public static Map<String, Integer> run(EmojiImportOptions options, PrintStream log) throws IOException {
        Path lib = NpmPack.fetch("emojilib", options.emojilibVersion(), options.packs());
        Map<String, List<String>> keywords = readKeywords(lib);
        EmojiCaptions captions = new EmojiCaptions(keywords);
        Map<String, Integer> written = new HashMap<>();
        EmojiIndex index = null;
        for (String style : options.styles()) {
            Path out = options.out().resolve(style);
            String iconifyVersion = EmojiImportOptions.ICONIFY_VERSIONS.get(style);
            if (iconifyVersion == null) {
                Path tarball = NpmPack.fetch("emoji-datasource-" + style, options.datasourceVersion(), options.packs());
                written.put(style, importStyle(style, tarball, captions, out, options.size(), log));
                DatasetSource.write(out, new DatasetSource("emoji-datasource-" + style, options.datasourceVersion(),
                        DATASOURCE_LICENSES.get(style), DATASOURCE_LICENSES.get(style), "emoji-datasource"));
                continue;
            }
            if (index == null) {
                Path catalog = NpmPack.fetch("emoji-datasource", options.datasourceVersion(), options.packs());
                index = new EmojiIndex(readCatalog(catalog), keywords);
            }
            IconifySet set = IconifySet.read(NpmPack.fetch("@iconify-json/" + style, iconifyVersion, options.packs()));
            written.put(style, IconifyImporter.importSet(style, set, index, captions, out, options.size(), log));
        }
        return written;
    }

    /** Licences of the datasource styles, as the {@code emoji-datasource} README states them. */
    private static final Map<String, String> DATASOURCE_LICENSES = Map.of("twitter", "CC-BY-4.0", "google", "Apache-2.0",
            "facebook", "no clear licensing", "apple", "proprietary (Apple Inc.)");

    private static JsonNode readCatalog(Path tarball) throws IOException {
        JsonNode[] catalog = new JsonNode[1];
        TarGzReader.read(tarball, name -> name.equals("package/emoji.json"), (name, content) -> catalog[0] = JSON.readTree(content));
        if (catalog[0] == null) {
            throw new IOException(tarball.getFileName() + " has no package/emoji.json");
        }
        return catalog[0];
    }

    private static Map<String, List<String>> readKeywords(Path tarball) throws IOException {
        Map<String, List<String>> keywords = new HashMap<>();
        TarGzReader.read(tarball, name -> name.equals("package/dist/emoji-en-US.json"), (name, content) -> {
            Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(content).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> words = new ArrayList<>();
                e.getValue().forEach(w -> words.add(w.asText()));
                keywords.put(e.getKey(), words);
            }
        });
        if (keywords.isEmpty()) {
            throw new IOException(tarball.getFileName() + " has no package/dist/emoji-en-US.json");
        }
        return keywords;
    }

    private static int importStyle(String style, Path tarball, EmojiCaptions captions, Path out, int size, PrintStream log)
            throws IOException {
        String imageDir = "package/img/" + style + "/" + SOURCE_SIZE + "/";
        JsonNode[] catalog = new JsonNode[1];
        Map<String, byte[]> pngs = new HashMap<>();
        TarGzReader.read(tarball, name -> name.equals("package/emoji.json") || (name.startsWith(imageDir) && name.endsWith(".png")),
                (name, content) -> {
                    if (name.equals("package/emoji.json")) {
                        catalog[0] = JSON.readTree(content);
                    } else {
                        pngs.put(name.substring(imageDir.length()), content);
                    }
                });
        if (catalog[0] == null) {
            throw new IOException(tarball.getFileName() + " has no package/emoji.json");
        }
        Files.createDirectories(out.resolve("img"));
        int written = 0;
        int missing = 0;
        int unreadable = 0;
        try (DatasetWriter writer = DatasetWriter.create(out)) {
            for (JsonNode emoji : catalog[0]) {
                if (!emoji.path("has_img_" + style).asBoolean(false)) {
                    continue;
                }
                String file = emoji.path("image").asText();
                byte[] png = pngs.get(file);
                if (png == null) {
                    missing++;
                    continue;
                }
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                if (image == null) {
                    unreadable++;
                    continue;
                }
                ImageIO.write(flatten(image, size), "png", out.resolve("img").resolve(file).toFile());
                writer.write(new DatasetEntry("img/" + file, captions.captions(emoji), EmojiCaptions.label(emoji),
                        emoji.path("category").asText("")));
                written++;
            }
        }
        log.printf("%s: %d images written to %s (%d listed without an image, %d unreadable)%n", style, written, out, missing, unreadable);
        return written;
    }

    /** Draws the image onto a white RGB canvas of the requested side (bicubic when resizing). */
    static BufferedImage flatten(BufferedImage image, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.drawImage(image, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
