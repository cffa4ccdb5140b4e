package org.charte.common;

import org.jspecify.annotations.Nullable;

/**
 * Statistics show aggregates only (R4.2; the cookie choices' aggregate, L3): a cell counting fewer people
 * (or choices) than the threshold is suppressed, so that no figure can point at one person. A suppressed
 * count has no rate either. Shared by the commercial statistics and the cookie choices' aggregate.
 */
public record SmallCells(int minCell) {

    public static final int DEFAULT_MIN_CELL = 10;

    public SmallCells {
        if (minCell < 1) {
            throw new IllegalArgumentException("the smallest cell shown must count at least one person");
        }
    }

    /** The count when it may be shown, else null (suppressed). */
    public @Nullable Long shown(long count) {
        return count < minCell ? null : count;
    }

    /** The share of {@code total}, in percent to one decimal, when the count may be shown and the total is not zero; else null. */
    public @Nullable Double rate(long count, long total) {
        if (shown(count) == null || total <= 0) {
            return null;
        }
        return Math.round(count * 1000.0 / total) / 10.0;
    }
}
