package org.charte.cookies;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What the retention run needs of the navigation data (R3.4, R5.4, L8): the raw events of the
 * first-party beacon, exempt and consented, and the daily visitor hashes, go by whole months, so that
 * on PostgreSQL a month's partition is dropped at once (on H2 its rows are deleted in batches). A
 * unit is one kind of data for one month; it names no person (a proof of erasure each). In the
 * caller's transaction.
 */
public interface NavigationDataRetention {

    /** One kind of navigation data ({@code exempt}, {@code consented}, {@code visitor}) for one month. */
    record Unit(UUID id, String kind, YearMonth month) {

        public static Unit of(String kind, YearMonth month) {
            return new Unit(UUID.nameUUIDFromBytes(("navigation:" + kind + ":" + month).getBytes(StandardCharsets.UTF_8)),
                    kind, month);
        }
    }

    /** The units holding data (or, on PostgreSQL, a partition) of months that start before {@code firstKept}, in id order. */
    List<Unit> before(LocalDate firstKept);

    /** Erases those of these units still before {@code firstKept}; how many rows went. */
    long erase(Collection<Unit> units, LocalDate firstKept);
}
