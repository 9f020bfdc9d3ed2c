package io.clipstream.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A captioned image dataset held in memory: the entries of a folder's {@code captions.jsonl} with
 * their decoded images. Made for the small sets the project trains and evaluates on (a few
 * thousand images); every image is decoded once at load time, which is also how unreadable files
 * are found.
 *
 * <pre>{@code
 * CaptionDataset data = CaptionDataset.load(Path.of("data/emoji/twitter"));
 * System.err.println(data.report());   // loaded 1911, skipped 0
 * }</pre>
 */
public final class CaptionDataset {

    /** Name of the index file inside a dataset folder. */
    public static final String CAPTIONS_FILE = "captions.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final List<DatasetEntry> entries;
    private final List<BufferedImage> images;
    private final DatasetReport report;

    private CaptionDataset(Path folder, List<DatasetEntry> entries, List<BufferedImage> images, DatasetReport report) {
        this.folder = folder;
        this.entries = Collections.unmodifiableList(entries);
        this.images = Collections.unmodifiableList(images);
        this.report = report;
    }

    /**
     * Loads and validates a dataset folder. Entries with a missing or unreadable image, no caption,
     * or a malformed line are skipped and counted in {@link #report()}.
     *
     * @throws UncheckedIOException when the folder has no readable {@code captions.jsonl}
     */
    public static CaptionDataset load(Path folder) {
        Path index = folder.resolve(CAPTIONS_FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(index, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index, e);
        }
        DatasetReport report = new DatasetReport();
        List<DatasetEntry> entries = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        Path root = folder.toAbsolutePath().normalize();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            DatasetEntry entry = parse(line, i + 1, report);
            if (entry == null) {
                continue;
            }
            Path file = root.resolve(entry.image()).normalize();
            if (!file.startsWith(root)) {
                report.skipped(DatasetReport.Problem.OUTSIDE_FOLDER, i + 1, entry.image());
                continue;
            }
            if (!Files.isRegularFile(file)) {
                report.skipped(DatasetReport.Problem.MISSING_IMAGE, i + 1, entry.image());
                continue;
            }
            BufferedImage image = decode(file);
            if (image == null) {
                report.skipped(DatasetReport.Problem.UNREADABLE_IMAGE, i + 1, entry.image());
                continue;
            }
            entries.add(entry);
            images.add(image);
            report.loaded();
        }
        return new CaptionDataset(folder, entries, images, report);
    }

    private static DatasetEntry parse(String line, int lineNumber, DatasetReport report) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            report.skipped(DatasetReport.Problem.MALFORMED_LINE, lineNumber, "not JSON");
            return null;
        }
        if (node == null || !node.isObject() || !node.path("image").isTextual() || node.path("image").asText().isBlank()) {
            report.skipped(DatasetReport.Problem.MALFORMED_LINE, lineNumber, "no \"image\" string");
            return null;
        }
        List<String> captions = new ArrayList<>();
        for (JsonNode c : node.path("captions")) {
            if (c.isTextual() && !c.asText().isBlank()) {
                captions.add(c.asText().strip());
            }
        }
        String image = node.get("image").asText();
        if (captions.isEmpty()) {
            report.skipped(DatasetReport.Problem.EMPTY_CAPTIONS, lineNumber, image);
            return null;
        }
        String label = node.path("label").isTextual() ? node.get("label").asText().strip() : null;
        String group = node.path("group").isTextual() ? node.get("group").asText() : "";
        return new DatasetEntry(image, captions, label, group);
    }

    private static BufferedImage decode(Path file) {
        try {
            return ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            // ImageIO signals broken data with assorted runtime exceptions as well as IOException
            return null;
        }
    }

    /** The folder the dataset was loaded from. */
    public Path folder() {
        return folder;
    }

    /** Loaded entries, in file order. */
    public List<DatasetEntry> entries() {
        return entries;
    }

    /** Decoded images, parallel to {@link #entries()}. */
    public List<BufferedImage> images() {
        return images;
    }

    /** Number of loaded entries. */
    public int size() {
        return entries.size();
    }

    /** What was skipped while loading. */
    public DatasetReport report() {
        return report;
    }
}
