package io.clipstream.jobs.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.LabelEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorsTest {
    private final FieldLimits limits = FieldLimits.defaults();

    private static ImageEvent image(String id, String key) {
        return ImageEvent.newBuilder().setImageId(id).setKey(key).setImage(new ImageReference("file:///a.png"))
                .setEventTime(Instant.ofEpochMilli(1)).build();
    }

    private static String reason(Validator.Violation v) {
        return v == null ? null : v.reason().name();
    }

    @Test
    void imagesBoundIdKeyAndVocabulary() {
        Validator<ImageEvent> v = Validators.images(limits, "vocabulary");
        assertThat(v.check(image("img", "k"))).isNull();
        assertThat(reason(v.check(image("i".repeat(1_500_000), null)))).isEqualTo("FIELD_TOO_LARGE");
        assertThat(reason(v.check(image("img", "k".repeat(1_500_000))))).isEqualTo("FIELD_TOO_LARGE");
        assertThat(reason(v.check(ImageEvent.newBuilder(image("img", null))
                .setAttributes(Map.of("vocabulary", "v".repeat(1025))).build()))).isEqualTo("FIELD_TOO_LARGE");
        assertThat(reason(v.check(ImageEvent.newBuilder(image("img", null))
                .setAttributes(Map.of("other", "v".repeat(5000))).build()))).isNull();
        assertThat(reason(v.check(image("\u200B\u00A0", null)))).isEqualTo("MISSING_ID");
        assertThat(reason(v.check(ImageEvent.newBuilder(image("img", null))
                .setCandidateCaptions(List.of("a cat", "\u2060")).build()))).isEqualTo("EMPTY_CAPTION");
    }

    @Test
    void labelsBoundNamesAndTemplates() {
        Validator<LabelEvent> v = Validators.labels(limits);
        LabelEvent good = LabelEvent.newBuilder().setVocabulary("v").setLabel("cat").build();
        assertThat(v.check(good)).isNull();
        assertThat(reason(v.check(LabelEvent.newBuilder(good).setLabel("l".repeat(300_000)).build())))
                .isEqualTo("FIELD_TOO_LARGE");
        assertThat(reason(v.check(LabelEvent.newBuilder(good).setVocabulary("v".repeat(1025)).build())))
                .isEqualTo("FIELD_TOO_LARGE");
        assertThat(reason(v.check(LabelEvent.newBuilder(good).setPromptTemplates(List.of("{}" + "x".repeat(1024))).build())))
                .isEqualTo("FIELD_TOO_LARGE");
        assertThat(reason(v.check(LabelEvent.newBuilder(good).setPromptTemplates(Collections.nCopies(33, "a {}")).build())))
                .isEqualTo("FIELD_TOO_LARGE");
        assertThat(reason(v.check(LabelEvent.newBuilder(good).setPromptTemplates(List.of("no placeholder")).build())))
                .isEqualTo("INVALID_FIELD");
        assertThat(reason(v.check(LabelEvent.newBuilder(good).setLabel("\uFEFF").build()))).isEqualTo("MISSING_ID");
    }

    @Test
    void utf8LengthCountsBytes() {
        assertThat(Texts.utf8Length("abc")).isEqualTo(3);
        assertThat(Texts.utf8Length("\u00E9")).isEqualTo(2);
        assertThat(Texts.utf8Length("\u732B")).isEqualTo(3);
        assertThat(Texts.utf8Length("\uD83D\uDE00")).isEqualTo(4);
        assertThat(Texts.utf8Length(null)).isZero();
    }
}
