package io.clipstream.jobs.source;

import io.clipstream.jobs.deadletter.DeadLetterReason;
import io.clipstream.jobs.source.Validator.Violation;
import io.clipstream.schemas.CaptionEvent;
import io.clipstream.schemas.ImageEvent;
import io.clipstream.schemas.ImageReference;
import io.clipstream.schemas.InlineImage;
import io.clipstream.schemas.LabelEvent;

/** The validation rules of the input topics. */
public final class Validators {
    private Validators() {}

    /** Non-empty id; inline bytes non-empty or a non-empty URI; a bounded candidate list. */
    public static Validator<ImageEvent> images(int maxCandidates) {
        return e -> {
            if (blank(e.getImageId())) {
                return new Violation(DeadLetterReason.MISSING_ID, "imageId is empty");
            }
            Object image = e.getImage();
            if (image instanceof InlineImage inline && inline.getData().remaining() == 0) {
                return new Violation(DeadLetterReason.INVALID_FIELD, "image.data is empty");
            }
            if (image instanceof ImageReference ref && blank(ref.getUri())) {
                return new Violation(DeadLetterReason.INVALID_FIELD, "image.uri is empty");
            }
            if (e.getCandidateCaptions().size() > maxCandidates) {
                return new Violation(DeadLetterReason.INVALID_FIELD, "candidateCaptions has "
                        + e.getCandidateCaptions().size() + " entries, more than " + maxCandidates);
            }
            for (CharSequence c : e.getCandidateCaptions()) {
                if (blank(c)) {
                    return new Violation(DeadLetterReason.EMPTY_CAPTION, "a candidate caption is empty");
                }
            }
            return null;
        };
    }

    /** Non-empty id and a text with at least one visible character. */
    public static Validator<CaptionEvent> captions() {
        return e -> {
            if (blank(e.getCaptionId())) {
                return new Violation(DeadLetterReason.MISSING_ID, "captionId is empty");
            }
            if (blank(e.getText())) {
                return new Violation(DeadLetterReason.EMPTY_CAPTION, "text of caption " + e.getCaptionId() + " is empty");
            }
            return null;
        };
    }

    /** Non-empty vocabulary and label; templates, when given, each contain {@code {}}. */
    public static Validator<LabelEvent> labels() {
        return e -> {
            if (blank(e.getVocabulary())) {
                return new Violation(DeadLetterReason.MISSING_ID, "vocabulary is empty");
            }
            if (blank(e.getLabel())) {
                return new Violation(DeadLetterReason.MISSING_ID, "label is empty");
            }
            for (CharSequence t : e.getPromptTemplates()) {
                if (t == null || !t.toString().contains("{}")) {
                    return new Violation(DeadLetterReason.INVALID_FIELD, "prompt template without {}: " + t);
                }
            }
            return null;
        };
    }

    static boolean blank(CharSequence s) {
        return s == null || s.toString().isBlank();
    }
}
