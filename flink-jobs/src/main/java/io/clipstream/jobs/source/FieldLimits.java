package io.clipstream.jobs.source;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Size limits of the input fields that are copied into outputs or held in state, from
 * {@link SourceOptions}. A record over any of them becomes a {@code FIELD_TOO_LARGE} dead letter
 * at validation, so no output built from an accepted record can outgrow the sinks' record limit.
 *
 * @param recordKeyBytes longest Kafka record key
 * @param idBytes longest image or caption id
 * @param keyBytes longest correlation key
 * @param labelBytes longest vocabulary or label name
 * @param templateBytes longest prompt template
 * @param templates most prompt templates per label
 * @param textBytes longest caption or candidate caption text
 * @param candidates most candidate captions per image
 */
@Internal
public record FieldLimits(int recordKeyBytes, int idBytes, int keyBytes, int labelBytes, int templateBytes,
        int templates, int textBytes, int candidates) implements Serializable {

    public FieldLimits {
        positive(recordKeyBytes, SourceOptions.MAX_RECORD_KEY_BYTES);
        positive(idBytes, SourceOptions.MAX_ID_BYTES);
        positive(keyBytes, SourceOptions.MAX_KEY_BYTES);
        positive(labelBytes, SourceOptions.MAX_LABEL_BYTES);
        positive(templateBytes, SourceOptions.MAX_TEMPLATE_BYTES);
        positive(templates, SourceOptions.MAX_TEMPLATES);
        positive(textBytes, SourceOptions.MAX_TEXT_BYTES);
        positive(candidates, SourceOptions.MAX_CANDIDATE_CAPTIONS);
    }

    /** The limits the configuration sets, defaults where unset. */
    public static FieldLimits fromConfiguration(Configuration conf) {
        return new FieldLimits(conf.get(SourceOptions.MAX_RECORD_KEY_BYTES), conf.get(SourceOptions.MAX_ID_BYTES),
                conf.get(SourceOptions.MAX_KEY_BYTES), conf.get(SourceOptions.MAX_LABEL_BYTES),
                conf.get(SourceOptions.MAX_TEMPLATE_BYTES), conf.get(SourceOptions.MAX_TEMPLATES),
                conf.get(SourceOptions.MAX_TEXT_BYTES), conf.get(SourceOptions.MAX_CANDIDATE_CAPTIONS));
    }

    /** The default limits. */
    public static FieldLimits defaults() {
        return fromConfiguration(new Configuration());
    }

    private static void positive(int value, ConfigOption<Integer> option) {
        if (value < 1) {
            throw new IllegalArgumentException(option.key() + " must be at least 1, got " + value);
        }
    }
}
