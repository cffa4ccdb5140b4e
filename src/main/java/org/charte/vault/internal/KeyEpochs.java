package org.charte.vault.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When key epochs start and when their keys may be destroyed (R8.4): the one place of that promise.
 * Framework-free.
 *
 * <p>Every person's data key is wrapped by the key-encryption key (KEK) of an epoch. An epoch lasts
 * {@code length}; the next one starts when it has run that long, and every live key is then
 * rewrapped under the new KEK. A database backup keeps the keys as they were wrapped when it was
 * taken, so it opens only while the KEK of that epoch exists. Backups are kept at most
 * {@code horizonEpochs} epochs (the backup horizon): an epoch's KEK is destroyed once the epoch has
 * ended that long ago, at which point every backup taken during it is past the horizon, and never
 * while a live key is still wrapped by it (that is the caller's check: the rewrap must be done).
 * Once the epoch of an erasure is destroyed, no backup taken before the erasure opens that person's
 * key again, whatever keystore is used with it.
 *
 * @param length        how long an epoch lasts (e.g. 30 days)
 * @param horizonEpochs how many epochs a backup is kept at most: an ended epoch's KEK lives that
 *                      many epoch lengths after its end
 */
record KeyEpochs(Duration length, int horizonEpochs) {

    public static final Duration DEFAULT_LENGTH = Duration.ofDays(30);
    public static final int DEFAULT_HORIZON = 2;

    public KeyEpochs {
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("an epoch must last at least a minute, not " + length);
        }
        if (horizonEpochs < 1) {
            throw new IllegalArgumentException("the backup horizon must be at least one epoch, not " + horizonEpochs);
        }
    }

    /** How long a database backup may be kept and still be readable: the horizon, as a duration. */
    public Duration backupHorizon() {
        return length.multipliedBy(horizonEpochs);
    }

    /** When the epoch that started at {@code currentStart} gives way to the next. */
    public Instant nextStart(Instant currentStart) {
        return currentStart.plus(length);
    }

    /** Whether a new epoch must start at {@code now}: there is none yet, or the current one has run its length. */
    public boolean rotationDue(@Nullable Instant currentStart, Instant now) {
        return currentStart == null || !now.isBefore(nextStart(currentStart));
    }

    /** When the KEK of an epoch that ended at {@code end} (its successor's start) may be destroyed. */
    public Instant destructionDue(Instant end) {
        return end.plus(backupHorizon());
    }

    /** An epoch as the rule needs it: its number, its start, and its end (null while it is current). */
    public record Span(long number, Instant start, @Nullable Instant end) {}

    /**
     * The epochs whose KEK may be destroyed as of {@code now}, oldest first: ended, and ended at
     * least a backup horizon ago. {@code live} are the epochs whose KEK still exists.
     */
    public List<Span> destroyable(List<Span> live, Instant now) {
        List<Span> due = new ArrayList<>();
        live.stream().sorted(Comparator.comparingLong(Span::number)).forEach(span -> {
            if (span.end() != null && !now.isBefore(destructionDue(span.end()))) {
                due.add(span);
            }
        });
        return due;
    }
}
