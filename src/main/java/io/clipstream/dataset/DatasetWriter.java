package io.clipstream.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Appends entries to a dataset folder's {@code captions.jsonl}; images are written by the caller. */
public final class DatasetWriter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;

    private DatasetWriter(BufferedWriter out) {
        this.out = out;
    }

    /** Creates the folder if needed and starts a new, empty {@code captions.jsonl} in it. */
    public static DatasetWriter create(Path folder) throws IOException {
        Files.createDirectories(folder);
        return new DatasetWriter(Files.newBufferedWriter(folder.resolve(CaptionDataset.CAPTIONS_FILE), StandardCharsets.UTF_8));
    }

    /** Writes one entry as one JSON line. */
    public void write(DatasetEntry entry) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("image", entry.image());
        node.putArray("captions").addAll(entry.captions().stream().map(JSON.getNodeFactory()::textNode).toList());
        node.put("label", entry.label());
        if (!entry.group().isEmpty()) {
            node.put("group", entry.group());
        }
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
