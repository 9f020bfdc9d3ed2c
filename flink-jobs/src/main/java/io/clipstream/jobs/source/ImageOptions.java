package io.clipstream.jobs.source;

import io.clipstream.preprocess.ImageLimits;
import io.clipstream.preprocess.PreprocessMode;
import io.clipstream.preprocess.fetch.FetchOptions;
import java.time.Duration;
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

    public static final ConfigOption<Duration> FETCH_CONNECT_TIMEOUT = ConfigOptions.key(FetchOptions.CONNECT_TIMEOUT_KEY)
            .durationType().defaultValue(FetchOptions.DEFAULT_CONNECT_TIMEOUT)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.CONNECT_TIMEOUT_KEY));

    public static final ConfigOption<Duration> FETCH_READ_TIMEOUT = ConfigOptions.key(FetchOptions.READ_TIMEOUT_KEY)
            .durationType().defaultValue(FetchOptions.DEFAULT_READ_TIMEOUT)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.READ_TIMEOUT_KEY));

    public static final ConfigOption<Boolean> FETCH_ALLOW_FILES = ConfigOptions.key(FetchOptions.ALLOW_FILES_KEY)
            .booleanType().defaultValue(FetchOptions.DEFAULT_ALLOW_FILES)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.ALLOW_FILES_KEY));

    /** The fetch settings of a job configuration; the byte limit is the image limit. */
    public static FetchOptions fetchOptions(org.apache.flink.configuration.Configuration conf) {
        return FetchOptions.builder().optConnectTimeout(conf.get(FETCH_CONNECT_TIMEOUT))
                .optReadTimeout(conf.get(FETCH_READ_TIMEOUT)).optAllowFiles(conf.get(FETCH_ALLOW_FILES))
                .optMaxBytes(conf.get(MAX_BYTES)).build();
    }

    public static final ConfigOption<PreprocessMode> PREPROCESS_MODE = ConfigOptions.key("preprocess.mode")
            .enumType(PreprocessMode.class).defaultValue(PreprocessMode.EXACT)
            .withDescription("EXACT (pixels bit-exact with Pillow, as the model was trained) or FAST (large images decoded"
                    + " at a reduced size first: quicker, embeddings drift slightly; bench preprocess --mode fast measures it).");

    public static final ConfigOption<String> VOCABULARY_ATTRIBUTE = ConfigOptions.key("image.vocabulary-attribute")
            .stringType().defaultValue("vocabulary")
            .withDescription("Image attribute that names the tagging vocabulary; absent means the job's default.");
}
