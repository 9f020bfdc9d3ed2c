package io.clipstream.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a dataset's images come from and under which licence, written next to
 * {@code captions.jsonl} as {@code source.json} so that a model card can cite it.
 *
 * @param packageName npm package the images come from
 * @param version its version
 * @param licenseSpdx SPDX id of the images' licence, or a short statement where there is none
 * @param licenseTitle human title of the licence
 * @param author author of the images
 */
public record DatasetSource(String packageName, String version, String licenseSpdx, String licenseTitle, String author) {

    /** File name inside a dataset folder. */
    public static final String FILE = "source.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static void write(Path folder, DatasetSource source) throws IOException {
        JSON.writeValue(folder.resolve(FILE).toFile(), source);
    }

    /** Reads the {@code source.json} of a dataset folder. */
    public static DatasetSource read(Path folder) throws IOException {
        return JSON.readValue(folder.resolve(FILE).toFile(), DatasetSource.class);
    }
}
