package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.source.Validator.Violation;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.LabelEvent;
import org.apache.flink.annotation.Internal;

/**
 * The validation rules of the input topics. Every field that reaches an output or the job's state
 * is bounded by {@link FieldLimits}; a field over its limit is {@code FIELD_TOO_LARGE}. Text is
 * "empty" when it has no visible character ({@link Texts#hasVisible}).
 */
@Internal
public final class Validators {
    private Validators() {}

    /** Ids, keys and texts of the default limits. */
    public static Validator<ImageEvent> images(int maxCandidates) {
        FieldLimits d = FieldLimits.defaults();
        return images(new FieldLimits(d.recordKeyBytes(), d.idBytes(), d.keyBytes(), d.labelBytes(), d.templateBytes(),
                d.templates(), d.textBytes(), maxCandidates), "vocabulary");
    }

    /**
     * Non-empty id within its limit; a key within its limit; inline bytes non-empty or a non-empty
     * URI; a bounded list of non-empty candidate captions; the vocabulary attribute within the
     * label limit.
     */
    public static Validator<ImageEvent> images(FieldLimits limits, String vocabularyAttribute) {
        return e -> {
            Violation v = id("imageId", e.getImageId(), limits);
            if (v == null) {
                v = key(e.getKey(), limits);
            }
            if (v != null) {
                return v;
            }
            Object image = e.getImage();
            if (image instanceof InlineImage inline && inline.getData().remaining() == 0) {
                return new Violation(DeadLetterReason.INVALID_FIELD, "image.data is empty");
            }
            if (image instanceof ImageReference ref) {
                if (!Texts.hasVisible(ref.getUri())) {
                    return new Violation(DeadLetterReason.INVALID_FIELD, "image.uri is empty");
                }
                if (Texts.utf8Length(ref.getUri()) > limits.textBytes()) {
                    return tooLarge("image.uri", ref.getUri(), limits.textBytes());
                }
            }
            if (e.getCandidateCaptions().size() > limits.candidates()) {
                return new Violation(DeadLetterReason.INVALID_FIELD, "candidateCaptions has "
                        + e.getCandidateCaptions().size() + " entries, more than " + limits.candidates());
            }
            for (CharSequence c : e.getCandidateCaptions()) {
                if (!Texts.hasVisible(c)) {
                    return new Violation(DeadLetterReason.EMPTY_CAPTION, "a candidate caption is empty");
                }
                if (Texts.utf8Length(c) > limits.textBytes()) {
                    return tooLarge("a candidate caption", c, limits.textBytes());
                }
            }
            String vocabulary = e.getAttributes() == null ? null : e.getAttributes().get(vocabularyAttribute);
            if (vocabulary != null && Texts.utf8Length(vocabulary) > limits.labelBytes()) {
                return tooLarge("attribute " + vocabularyAttribute, vocabulary, limits.labelBytes());
            }
            return null;
        };
    }

    /** Captions of the default limits. */
    public static Validator<CaptionEvent> captions() {
        return captions(FieldLimits.defaults());
    }

    /** Non-empty id and key within their limits, and a text with at least one visible character. */
    public static Validator<CaptionEvent> captions(FieldLimits limits) {
        return e -> {
            Violation v = id("captionId", e.getCaptionId(), limits);
            if (v == null) {
                v = key(e.getKey(), limits);
            }
            if (v != null) {
                return v;
            }
            if (!Texts.hasVisible(e.getText())) {
                return new Violation(DeadLetterReason.EMPTY_CAPTION,
                        "text of caption " + Texts.head(e.getCaptionId(), 200) + " is empty");
            }
            if (Texts.utf8Length(e.getText()) > limits.textBytes()) {
                return tooLarge("text", e.getText(), limits.textBytes());
            }
            return null;
        };
    }

    /** Labels of the default limits. */
    public static Validator<LabelEvent> labels() {
        return labels(FieldLimits.defaults());
    }

    /**
     * Non-empty vocabulary and label within the label limit; at most the template limit of
     * templates, each within its byte limit and containing {@code {}}.
     */
    public static Validator<LabelEvent> labels(FieldLimits limits) {
        return e -> {
            Violation v = name("vocabulary", e.getVocabulary(), limits);
            if (v == null) {
                v = name("label", e.getLabel(), limits);
            }
            if (v != null) {
                return v;
            }
            if (e.getPromptTemplates().size() > limits.templates()) {
                return new Violation(DeadLetterReason.FIELD_TOO_LARGE, "promptTemplates has "
                        + e.getPromptTemplates().size() + " entries, more than " + limits.templates());
            }
            for (CharSequence t : e.getPromptTemplates()) {
                if (t != null && Texts.utf8Length(t) > limits.templateBytes()) {
                    return tooLarge("a prompt template", t, limits.templateBytes());
                }
                if (t == null || !t.toString().contains("{}")) {
                    return new Violation(DeadLetterReason.INVALID_FIELD,
                            "prompt template without {}: " + Texts.head(String.valueOf(t), 200));
                }
            }
            return null;
        };
    }

    private static Violation id(String field, CharSequence value, FieldLimits limits) {
        if (!Texts.hasVisible(value)) {
            return new Violation(DeadLetterReason.MISSING_ID, field + " is empty");
        }
        return Texts.utf8Length(value) > limits.idBytes() ? tooLarge(field, value, limits.idBytes()) : null;
    }

    private static Violation name(String field, CharSequence value, FieldLimits limits) {
        if (!Texts.hasVisible(value)) {
            return new Violation(DeadLetterReason.MISSING_ID, field + " is empty");
        }
        return Texts.utf8Length(value) > limits.labelBytes() ? tooLarge(field, value, limits.labelBytes()) : null;
    }

    private static Violation key(CharSequence key, FieldLimits limits) {
        return key != null && Texts.utf8Length(key) > limits.keyBytes() ? tooLarge("key", key, limits.keyBytes()) : null;
    }

    private static Violation tooLarge(String field, CharSequence value, int limit) {
        return new Violation(DeadLetterReason.FIELD_TOO_LARGE,
                field + " has " + Texts.utf8Length(value) + " bytes, more than the limit of " + limit);
    }
}
