package io.clipstream.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Iconify icon set as the {@code @iconify-json/<set>} npm packages publish it:
 * {@code icons.json} (icon bodies, view box defaults, aliases), {@code info.json} (licence, author)
 * and {@code chars.json} (code point to icon name, present in some sets only).
 *
 * @param prefix the set's prefix, e.g. {@code twemoji}
 * @param version the package version
 * @param licenseSpdx SPDX id of the icons' licence, from {@code info.json}
 * @param licenseTitle human title of the licence
 * @param author author name, from {@code info.json}
 * @param icons icon name to a complete SVG document
 * @param aliases alias name to the icon it stands for
 * @param codePoints icon name to its lowercase dash-separated code points, from {@code chars.json}
 */
record IconifySet(String prefix, String version, String licenseSpdx, String licenseTitle, String author,
        Map<String, String> icons, Map<String, String> aliases, Map<String, String> codePoints) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a set from its npm tarball. */
    static IconifySet read(Path tarball) throws IOException {
        Map<String, JsonNode> files = new HashMap<>();
        TarGzReader.read(tarball, n -> n.equals("package/icons.json") || n.equals("package/info.json")
                || n.equals("package/chars.json") || n.equals("package/package.json"),
                (name, content) -> files.put(name.substring("package/".length()), JSON.readTree(content)));
        JsonNode iconsJson = files.get("icons.json");
        if (iconsJson == null) {
            throw new IOException(tarball.getFileName() + " has no package/icons.json: not an Iconify JSON package");
        }
        JsonNode info = files.getOrDefault("info.json", JSON.createObjectNode());
        double defaultWidth = iconsJson.path("width").asDouble(16);
        double defaultHeight = iconsJson.path("height").asDouble(16);
        Map<String, String> icons = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = iconsJson.path("icons").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode icon = e.getValue();
            icons.put(e.getKey(), SvgRenderer.iconSvg(icon.path("body").asText(), icon.path("left").asDouble(0),
                    icon.path("top").asDouble(0), icon.path("width").asDouble(defaultWidth), icon.path("height").asDouble(defaultHeight)));
        }
        Map<String, String> aliases = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = iconsJson.path("aliases").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode alias = e.getValue();
            // aliases that flip or rotate their parent draw something else: keep plain ones only
            if (!alias.has("hFlip") && !alias.has("vFlip") && !alias.has("rotate")) {
                aliases.put(e.getKey(), alias.path("parent").asText());
            }
        }
        Map<String, String> codePoints = new HashMap<>();
        JsonNode chars = files.get("chars.json");
        if (chars != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = chars.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                codePoints.putIfAbsent(e.getValue().asText(), e.getKey().toLowerCase(java.util.Locale.ROOT));
            }
        }
        String prefix = iconsJson.path("prefix").asText(info.path("prefix").asText(""));
        String version = files.containsKey("package.json") ? files.get("package.json").path("version").asText("") : "";
        JsonNode license = info.path("license");
        return new IconifySet(prefix, version, license.path("spdx").asText(""), license.path("title").asText(""),
                info.path("author").path("name").asText(""), icons, aliases, codePoints);
    }
}
