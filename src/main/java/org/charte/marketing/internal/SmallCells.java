package org.charte.marketing.internal;

import org.jspecify.annotations.Nullable;

/**
 * Commercial statistics show aggregates only (R4.2): a cell counting fewer people than the threshold
 * is suppressed, so that no figure can point at one person. A suppressed count has no rate either.
 */
record SmallCells(int minCell) {

    static final int DEFAULT_MIN_CELL = 10;

    SmallCells {
        if (minCell < 1) {
            throw new IllegalArgumentException("the smallest cell shown must count at least one person");
        }
    }

    /** The count when it may be shown, else null (suppressed). */
    @Nullable Long shown(long count) {
        return count < minCell ? null : count;
    }

    /** The share of {@code total}, in percent to one decimal, when the count may be shown and the total is not zero; else null. */
    @Nullable Double rate(long count, long total) {
        if (shown(count) == null || total <= 0) {
            return null;
        }
        return Math.round(count * 1000.0 / total) / 10.0;
    }
}
