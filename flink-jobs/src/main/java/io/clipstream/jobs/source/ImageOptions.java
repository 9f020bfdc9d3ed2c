package io.clipstream.jobs.source;

import io.clipstream.preprocess.ImageLimits;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the image stage: limits on untrusted images and on fetching referenced ones. */
public final class ImageOptions {
    private ImageOptions() {}

    public static final ConfigOption<Long> MAX_BYTES = ConfigOptions.key(ImageLimits.MAX_BYTES_KEY)
            .longType().defaultValue(ImageLimits.DEFAULT_MAX_BYTES)
            .withDescription(ImageLimits.DESCRIPTIONS.get(ImageLimits.MAX_BYTES_KEY));

    public static final ConfigOption<Long> MAX_PIXELS = ConfigOptions.key(ImageLimits.MAX_PIXELS_KEY)
            .longType().defaultValue(ImageLimits.DEFAULT_MAX_PIXELS)
            .withDescription(ImageLimits.DESCRIPTIONS.get(ImageLimits.MAX_PIXELS_KEY));

    public static final ConfigOption<Integer> FETCH_TIMEOUT_MS = ConfigOptions.key("image.fetch-timeout-ms")
            .intType().defaultValue(5000)
            .withDescription("Connect and read timeout when fetching an image by URI (claim check).");

    public static final ConfigOption<String> VOCABULARY_ATTRIBUTE = ConfigOptions.key("image.vocabulary-attribute")
            .stringType().defaultValue("vocabulary")
            .withDescription("Image attribute that names the tagging vocabulary; absent means the job's default.");
}
