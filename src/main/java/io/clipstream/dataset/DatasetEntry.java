package io.clipstream.dataset;

import java.util.List;
import java.util.Objects;

/**
 * One line of {@code captions.jsonl}: an image path relative to the dataset folder, the captions
 * that describe it (at least one), a label used for classification and evaluation, and an optional
 * group (a category such as "Flags").
 *
 * @param image path of the image file, relative to the dataset folder, with {@code /} separators
 * @param captions captions of the image; training samples one per step
 * @param label the canonical name of what the image shows; the first caption when absent
 * @param group a coarse category, or the empty string
 */
public record DatasetEntry(String image, List<String> captions, String label, String group) {

    public DatasetEntry {
        Objects.requireNonNull(image, "image");
        captions = List.copyOf(captions);
        label = label == null || label.isBlank() ? (captions.isEmpty() ? "" : captions.get(0)) : label;
        group = group == null ? "" : group;
    }
}
