package io.clipstream.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What loading a dataset skipped and why. Bad entries never stop a load; they are counted here by
 * {@link Problem} with a few examples, so a user can fix the data and see the effect.
 */
public final class DatasetReport {

    /** Why an entry was skipped. */
    public enum Problem {
        /** The line is not a JSON object with an {@code image} string. */
        MALFORMED_LINE,
        /** The image file does not exist. */
        MISSING_IMAGE,
        /** The file exists but is not a decodable image. */
        UNREADABLE_IMAGE,
        /** No non-blank caption. */
        EMPTY_CAPTIONS,
        /** The image path leaves the dataset folder. */
        OUTSIDE_FOLDER
    }

    private static final int MAX_EXAMPLES = 5;

    private final Map<Problem, Integer> counts = new EnumMap<>(Problem.class);
    private final List<String> examples = new ArrayList<>();
    private int loaded;

    void skipped(Problem problem, int lineNumber, String detail) {
        counts.merge(problem, 1, Integer::sum);
        if (examples.size() < MAX_EXAMPLES) {
            examples.add("line " + lineNumber + ": " + problem + " " + detail);
        }
    }

    void loaded() {
        loaded++;
    }

    /** Number of entries that were loaded. */
    public int loadedCount() {
        return loaded;
    }

    /** Number of entries skipped for this problem. */
    public int count(Problem problem) {
        return counts.getOrDefault(problem, 0);
    }

    /** Number of entries skipped for any reason. */
    public int skippedCount() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Up to five skipped lines with their problem, for a human reader. */
    public List<String> examples() {
        return Collections.unmodifiableList(examples);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("loaded ").append(loaded).append(", skipped ").append(skippedCount());
        counts.forEach((p, n) -> sb.append(", ").append(p.name().toLowerCase()).append('=').append(n));
        return sb.toString();
    }
}
