package org.charte.cookies;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the retention run needs of the proofs of cookie choices (R5.4, L3): they are kept as the
 * policy keeps cookie choices (the rule starting at {@code consent-given}, 13 months in the shipped
 * policy), then erased. A proof names a random consent id, never a person: no legal hold reaches it.
 * On PostgreSQL the proofs and their choices are partitioned by month of Paris: a month whose every
 * proof is due goes whole, its partitions dropped. In the caller's transaction.
 */
public interface ConsentProofRetention {

    /** How many proofs were recorded before {@code cutoff}, those of the months {@code except} aside. */
    long countRecordedBefore(Instant cutoff, Collection<YearMonth> except);

    /** A page of proofs recorded before {@code cutoff}, those of the months {@code except} aside, in id order after {@code after}. */
    List<UUID> recordedBefore(Instant cutoff, Collection<YearMonth> except, @Nullable UUID after, int limit);

    /** Locks these proofs until the caller's transaction ends: those still there, with when each was recorded. */
    Map<UUID, Instant> lock(Collection<UUID> ids);

    /** Erases these proofs (their choices are in their rows); how many went. */
    int erase(Collection<UUID> ids);

    /** PostgreSQL: the months whose proofs have a partition of their own, in order; none on H2. */
    List<YearMonth> partitionedMonths();

    /** PostgreSQL: drops a month's partitions of proofs and of their choices; how many proofs went. */
    long dropMonth(YearMonth month);
}
