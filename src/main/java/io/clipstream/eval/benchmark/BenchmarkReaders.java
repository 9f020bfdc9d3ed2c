package io.clipstream.eval.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readers of the two standard file formats.
 *
 * <ul>
 *   <li>MSCOCO captions ({@code captions_val2017.json}): {@code images[]} with {@code id} and
 *       {@code file_name}, {@code annotations[]} with {@code image_id} and {@code caption}; images
 *       lie in one folder.</li>
 *   <li>Karpathy splits ({@code dataset_coco.json}, {@code dataset_flickr30k.json}):
 *       {@code images[]} with {@code split}, optional {@code filepath}, {@code filename} and
 *       {@code sentences[].raw}; only entries of the asked split are kept.</li>
 * </ul>
 *
 * <p>Each image keeps at most {@code captionsPerImage} captions in file order (the standard protocol
 * uses 5: COCO 5K has 25,000 captions, Flickr30K 1K has 5,000). Images without captions are dropped.
 * Missing image files are an error naming the first one, since a partial set is not the benchmark.
 */
public final class BenchmarkReaders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchmarkReaders() {}

    /** The MSCOCO captions format, images in {@code imagesDir}. */
    public static BenchmarkSet coco(Path captionsJson, Path imagesDir, int captionsPerImage) {
        JsonNode root = read(captionsJson);
        Map<Long, Path> files = new LinkedHashMap<>();
        for (JsonNode image : root.path("images")) {
            files.put(image.path("id").asLong(), imagesDir.resolve(image.path("file_name").asText()));
        }
        Map<Long, List<String>> captions = new LinkedHashMap<>();
        files.keySet().forEach(id -> captions.put(id, new ArrayList<>()));
        for (JsonNode a : root.path("annotations")) {
            List<String> list = captions.get(a.path("image_id").asLong());
            if (list != null && a.path("caption").isTextual() && !a.path("caption").asText().isBlank()) {
                list.add(a.path("caption").asText().strip());
            }
        }
        String name = "coco-" + stem(captionsJson).replace("captions_", "");
        return assemble(name, files.keySet().stream().map(files::get).toList(),
                files.keySet().stream().map(captions::get).toList(), captionsPerImage);
    }

    /** A Karpathy split file, the entries of {@code split} ({@code test}, {@code val}, {@code train}, {@code restval}). */
    public static BenchmarkSet karpathy(Path datasetJson, Path imagesDir, String split, int captionsPerImage) {
        JsonNode root = read(datasetJson);
        List<Path> files = new ArrayList<>();
        List<List<String>> captions = new ArrayList<>();
        for (JsonNode image : root.path("images")) {
            if (!split.equals(image.path("split").asText())) {
                continue;
            }
            String file = image.path("filename").asText();
            Path nested = image.path("filepath").isTextual() ? imagesDir.resolve(image.path("filepath").asText()).resolve(file) : null;
            // COCO entries name a sub-folder (val2014/); accept the files unpacked flat as well
            files.add(nested != null && Files.exists(nested) ? nested : imagesDir.resolve(file));
            List<String> sentences = new ArrayList<>();
            for (JsonNode s : image.path("sentences")) {
                if (s.path("raw").isTextual() && !s.path("raw").asText().isBlank()) {
                    sentences.add(s.path("raw").asText().strip());
                }
            }
            captions.add(sentences);
        }
        String dataset = root.path("dataset").isTextual() ? root.path("dataset").asText() : stem(datasetJson).replace("dataset_", "");
        return assemble(dataset + "-karpathy-" + split, files, captions, captionsPerImage);
    }

    private static BenchmarkSet assemble(String name, List<Path> files, List<List<String>> captions, int perImage) {
        if (perImage < 1) {
            throw new IllegalArgumentException("captions per image must be at least 1");
        }
        List<Path> images = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            List<String> c = captions.get(i);
            if (c.isEmpty()) {
                continue;
            }
            if (!Files.isRegularFile(files.get(i))) {
                throw new IllegalArgumentException("image " + files.get(i) + " of " + name + " is missing; "
                        + "the benchmark needs every image of the split");
            }
            for (String s : c.subList(0, Math.min(perImage, c.size()))) {
                texts.add(s);
                owner.add(images.size());
            }
            images.add(files.get(i));
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException(name + " has no captioned images");
        }
        return new BenchmarkSet(name, images, texts, owner.stream().mapToInt(Integer::intValue).toArray());
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
