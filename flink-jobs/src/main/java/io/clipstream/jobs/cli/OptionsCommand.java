package io.clipstream.jobs.cli;

import io.clipstream.jobs.deadletter.DeadLetterOptions;
import io.clipstream.jobs.encode.EncoderOptions;
import io.clipstream.jobs.pipeline.JobOptions;
import io.clipstream.jobs.match.MatchOptions;
import io.clipstream.jobs.runtime.RuntimeOptions;
import io.clipstream.jobs.sink.SinkOptions;
import io.clipstream.jobs.source.ImageOptions;
import io.clipstream.jobs.source.SourceOptions;
import io.clipstream.jobs.tag.TagOptions;
import java.lang.reflect.Field;
import java.time.Duration;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;

/** {@code clipstream options}: every pipeline option with its key, default and description. */
@Command(name = "options", mixinStandardHelpOptions = true,
        description = "Lists every option of the pipeline (the keys of --set and of job configuration files) as a Markdown table.")
final class OptionsCommand implements Runnable {

    /** The options classes, one per component. */
    static final List<Class<?>> OPTION_CLASSES = List.of(SourceOptions.class, ImageOptions.class, EncoderOptions.class,
            MatchOptions.class, TagOptions.class, SinkOptions.class, DeadLetterOptions.class, JobOptions.class,
            RuntimeOptions.class, io.clipstream.jobs.index.IndexOptions.class,
            io.clipstream.jobs.view.ViewOptions.class, io.clipstream.jobs.launch.LaunchOptions.class);

    @Override
    public void run() {
        System.out.println("| key | default | description |");
        System.out.println("| --- | --- | --- |");
        for (ConfigOption<?> o : all()) {
            Object def = !o.hasDefaultValue() ? "(none)"
                    : o.defaultValue() instanceof Duration d ? TimeUtils.formatWithHighestUnit(d) : o.defaultValue();
            System.out.printf("| `%s` | %s | %s |%n", o.key(), def, description(o));
        }
    }

    /** Every option of {@link #OPTION_CLASSES}, in declaration order. */
    static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> out = new ArrayList<>();
        for (Class<?> c : OPTION_CLASSES) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                    try {
                        out.add((ConfigOption<?>) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return out;
    }

    static String description(ConfigOption<?> o) {
        StringBuilder sb = new StringBuilder();
        o.description().getBlocks().forEach(b -> {
            if (b instanceof TextElement t) {
                sb.append(t.getFormat());
            }
        });
        return sb.toString();
    }
}
