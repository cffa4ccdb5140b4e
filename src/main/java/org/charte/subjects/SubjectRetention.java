package org.charte.subjects;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the retention run (policy §5, R5.6) needs of the people, as the system and not as anyone's
 * access: find who is past their limit, lock and re-read them, take the minimum identity an
 * archive obligation keeps (L4), and erase them for good. Set-based, in the caller's transaction,
 * so a batch of people goes in one transaction with the other modules' erasures.
 */
public interface SubjectRetention {

    /**
     * The days a retention rule counts from, each with the first day it still keeps, as the rule
     * object computes them for a run's day: a person is due when their last contact is before
     * {@code lastContact} and, when the rule also counts the end of the contract
     * ({@code contractEnd} given), their last contract (if any) ended before {@code contractEnd}.
     * The rule gives the dates; the query only compares with them.
     */
    record Cutoffs(LocalDate lastContact, @Nullable LocalDate contractEnd) {}

    /** A page of the people of that status due by the rule's {@code cutoffs}, in id order after {@code after} (keyset paging). */
    List<UUID> dueIds(SubjectStatus status, Cutoffs cutoffs, @Nullable UUID after, int limit);

    /** How many {@link #dueIds} would give in all. */
    long countDue(SubjectStatus status, Cutoffs cutoffs);

    /** Locks these people's rows until the caller's transaction ends and returns where each stands (the absent are left out). */
    Map<UUID, Lifecycle> lock(Collection<UUID> ids);

    /** The minimum identity an archive obligation keeps: civility and names, and the first postal address. */
    record ArchiveIdentity(@Nullable Identity identity, @Nullable PostalAddress address) {}

    /** Opens the minimum identity of these people for the archive (the system archiving; no decision, no audit entry each). */
    Map<UUID, ArchiveIdentity> archiveIdentities(Collection<UUID> ids);

    /** Erases these people for good: their row, their blind indexes and their key (crypto-shredding). Returns how many people went. */
    int erase(Collection<UUID> ids);

    /** Erases the free "other information" of people kept only for a hold on one of their records. */
    int eraseOtherInformation(Collection<UUID> ids);
}
