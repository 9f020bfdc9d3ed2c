package io.clipstream.jobs.source;

import org.apache.flink.annotation.PublicEvolving;
import io.clipstream.preprocess.JpegDecoder;
import io.clipstream.preprocess.ImageLimits;
import io.clipstream.preprocess.PreprocessMode;
import io.clipstream.preprocess.fetch.FetchOptions;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/** Options of the image stage: limits on untrusted images and on fetching referenced ones. */
@PublicEvolving
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

    public static final ConfigOption<Duration> FETCH_TIMEOUT = ConfigOptions.key(FetchOptions.TIMEOUT_KEY)
            .durationType().defaultValue(FetchOptions.DEFAULT_TIMEOUT)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.TIMEOUT_KEY));

    public static final ConfigOption<Long> FETCH_MAX_BYTES = ConfigOptions.key(FetchOptions.MAX_BYTES_KEY)
            .longType().defaultValue(FetchOptions.DEFAULT_MAX_BYTES)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.MAX_BYTES_KEY));

    public static final ConfigOption<Integer> FETCH_FOLLOW_REDIRECTS = ConfigOptions.key(FetchOptions.FOLLOW_REDIRECTS_KEY)
            .intType().defaultValue(FetchOptions.DEFAULT_FOLLOW_REDIRECTS)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.FOLLOW_REDIRECTS_KEY));

    public static final ConfigOption<Boolean> FETCH_ALLOW_FILES = ConfigOptions.key(FetchOptions.ALLOW_FILES_KEY)
            .booleanType().defaultValue(FetchOptions.DEFAULT_ALLOW_FILES)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.ALLOW_FILES_KEY));

    public static final ConfigOption<List<String>> FETCH_FILE_ROOTS = ConfigOptions.key(FetchOptions.FILE_ROOTS_KEY)
            .stringType().asList().defaultValues()
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.FILE_ROOTS_KEY));

    public static final ConfigOption<List<String>> FETCH_ALLOW_HOSTS = ConfigOptions.key(FetchOptions.ALLOW_HOSTS_KEY)
            .stringType().asList().defaultValues()
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.ALLOW_HOSTS_KEY));

    public static final ConfigOption<Boolean> FETCH_ALLOW_PRIVATE_NETWORKS = ConfigOptions
            .key(FetchOptions.ALLOW_PRIVATE_NETWORKS_KEY)
            .booleanType().defaultValue(FetchOptions.DEFAULT_ALLOW_PRIVATE_NETWORKS)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.ALLOW_PRIVATE_NETWORKS_KEY));

    public static final ConfigOption<Integer> FETCH_MAX_PER_HOST = ConfigOptions.key(FetchOptions.MAX_PER_HOST_KEY)
            .intType().defaultValue(FetchOptions.DEFAULT_MAX_PER_HOST)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.MAX_PER_HOST_KEY));

    public static final ConfigOption<Integer> FETCH_CAPACITY = ConfigOptions.key(FetchOptions.CAPACITY_KEY)
            .intType().defaultValue(FetchOptions.DEFAULT_CAPACITY)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.CAPACITY_KEY));

    public static final ConfigOption<String> FETCH_USER_AGENT = ConfigOptions.key(FetchOptions.USER_AGENT_KEY)
            .stringType().defaultValue(FetchOptions.DEFAULT_USER_AGENT)
            .withDescription(FetchOptions.DESCRIPTIONS.get(FetchOptions.USER_AGENT_KEY));

    /** The fetch settings of a job configuration. */
    public static FetchOptions fetchOptions(Configuration conf) {
        return FetchOptions.builder()
                .optConnectTimeout(conf.get(FETCH_CONNECT_TIMEOUT))
                .optReadTimeout(conf.get(FETCH_READ_TIMEOUT))
                .optTimeout(conf.get(FETCH_TIMEOUT))
                .optMaxBytes(conf.get(FETCH_MAX_BYTES))
                .optMaxRedirects(conf.get(FETCH_FOLLOW_REDIRECTS))
                .optAllowFiles(conf.get(FETCH_ALLOW_FILES))
                .optFileRoots(conf.get(FETCH_FILE_ROOTS))
                .optAllowHosts(conf.get(FETCH_ALLOW_HOSTS))
                .optAllowPrivateNetworks(conf.get(FETCH_ALLOW_PRIVATE_NETWORKS))
                .optMaxPerHost(conf.get(FETCH_MAX_PER_HOST))
                .optCapacity(conf.get(FETCH_CAPACITY))
                .optUserAgent(conf.get(FETCH_USER_AGENT))
                .build();
    }

    public static final ConfigOption<PreprocessMode> PREPROCESS_MODE = ConfigOptions.key("preprocess.mode")
            .enumType(PreprocessMode.class).defaultValue(PreprocessMode.EXACT)
            .withDescription("EXACT (pixels bit-exact with Pillow, as the model was trained) or FAST (large images decoded"
                    + " at a reduced size first: quicker, embeddings drift slightly; bench preprocess --mode fast measures it).");

    public static final ConfigOption<JpegDecoder> PREPROCESS_JPEG_DECODER = ConfigOptions.key(JpegDecoder.KEY)
            .enumType(JpegDecoder.class).defaultValue(JpegDecoder.AUTO)
            .withDeprecatedKeys(JpegDecoder.DEPRECATED_KEY)
            .withDescription(JpegDecoder.DESCRIPTION);

    public static final ConfigOption<Integer> PREPROCESS_PARALLELISM = ConfigOptions.key("preprocess.parallelism")
            .intType().noDefaultValue()
            .withDescription("Parallel subtasks that fetch, decode and resize images, independent of the encoder's"
                    + " (the job's parallelism when unset): on a GPU TaskManager with N cores, N-1 can feed one encoder."
                    + " Records are rebalanced to the encoders when the two differ; a TaskManager needs as many slots"
                    + " as the larger of the two.");

    public static final ConfigOption<String> VOCABULARY_ATTRIBUTE = ConfigOptions.key("image.vocabulary-attribute")
            .stringType().defaultValue("vocabulary")
            .withDescription("Image attribute that names the tagging vocabulary; absent means the job's default.");
}
