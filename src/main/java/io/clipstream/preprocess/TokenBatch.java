package io.clipstream.preprocess;

import java.util.Objects;

/**
 * Token ids and attention mask of a batch of texts, padded on the right to one length.
 *
 * <p>{@code ids[i][j]} is the j-th token of text i; {@code mask[i][j]} is 1 for a real token and 0
 * for padding. Every row has the same length.
 */
public final class TokenBatch {
    private final long[][] ids;
    private final long[][] mask;

    /** Wraps the arrays (not copied); rows must all have one length and the mask must match. */
    public TokenBatch(long[][] ids, long[][] mask) {
        this.ids = Objects.requireNonNull(ids, "ids");
        this.mask = Objects.requireNonNull(mask, "mask");
        if (ids.length != mask.length) {
            throw new IllegalArgumentException("ids has " + ids.length + " rows but mask has " + mask.length);
        }
        int length = ids.length == 0 ? 0 : ids[0].length;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length != length || mask[i].length != length) {
                throw new IllegalArgumentException("row " + i + " does not have length " + length);
            }
        }
    }

    /** Token ids, {@code [size][length]}. */
    public long[][] ids() {
        return ids;
    }

    /** Attention mask, {@code [size][length]}: 1 for a token, 0 for padding. */
    public long[][] mask() {
        return mask;
    }

    /** Number of texts. */
    public int size() {
        return ids.length;
    }

    /** Length of every row. */
    public int length() {
        return ids.length == 0 ? 0 : ids[0].length;
    }

    /** Ids flattened row after row, as NDArray factories take them. */
    public long[] flatIds() {
        long[] flat = new long[size() * length()];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(ids[i], 0, flat, i * length(), length());
        }
        return flat;
    }
}
