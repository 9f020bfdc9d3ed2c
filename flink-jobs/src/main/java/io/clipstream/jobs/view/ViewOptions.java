package io.clipstream.jobs.view;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of {@code clipstream view}. */
@PublicEvolving
public final class ViewOptions {
    private ViewOptions() {}

    public static final ConfigOption<Integer> PORT = ConfigOptions.key("view.port")
            .intType().defaultValue(8080)
            .withDescription("HTTP port of the web view (0 picks a free one).");

    public static final ConfigOption<String> BIND_ADDRESS = ConfigOptions.key("view.bind-address")
            .stringType().defaultValue("127.0.0.1")
            .withDescription("Address the web view listens on; the default serves this machine only.");

    public static final ConfigOption<Integer> HISTORY = ConfigOptions.key("view.history")
            .intType().defaultValue(200)
            .withDescription("Records per partition of each topic the view reads back when it starts.");

    public static final ConfigOption<String> FLINK_REST = ConfigOptions.key("view.flink-rest")
            .stringType().noDefaultValue()
            .withDescription("Flink REST address (http://host:8081) whose running job's encoder metrics the health charts show.");

    public static final ConfigOption<Integer> MAX_THUMBNAILS = ConfigOptions.key("view.max-thumbnails")
            .intType().defaultValue(1000)
            .withDescription("Most images whose thumbnail the view keeps (least recently seen leave first).");
}
