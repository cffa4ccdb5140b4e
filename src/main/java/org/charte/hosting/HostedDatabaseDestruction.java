package org.charte.hosting;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the retention run calls to destroy hosted databases whose retention (rule
 * {@code hosted-production-data}, 30 days after termination) has run out.
 *
 * <pre>
 * for (DueDestruction due : destruction.dueAsOf(asOf, null, 100)) {
 *     SignedCertificate certificate = destruction.destroy(due.hostedDatabaseId(), asOf, runId);
 * }
 * </pre>
 */
public interface HostedDatabaseDestruction {

    /** A database whose destruction is due on or before the day asked about. */
    record DueDestruction(UUID hostedDatabaseId, UUID subscriptionId, UUID subjectId, LocalDate terminatedOn, LocalDate destructionDueOn) {}

    /**
     * Databases not yet destroyed whose destruction is due on or before {@code asOf}, in id order after
     * {@code after} (keyset paging, so a dry run that destroys nothing still moves on), at most {@code limit}.
     */
    List<DueDestruction> dueAsOf(LocalDate asOf, @Nullable UUID after, int limit);

    /** Those of {@code ids} not yet destroyed whose destruction is due on or before {@code asOf} (a re-check before destroying). */
    List<DueDestruction> dueAmong(LocalDate asOf, Collection<UUID> ids);

    /** How many databases not yet destroyed are due on or before {@code asOf}. */
    long countDueAsOf(LocalDate asOf);

    /**
     * Destroys a database for good: drops its schema and login, deletes its sealed credentials,
     * records and audits it, and issues a signed destruction certificate. Done again on a destroyed
     * database, returns its certificate without doing anything.
     *
     * @param asOf  the day of the run: not after today (a destruction is never simulated ahead)
     * @param runId the retention run (or staff action) that destroys it, named on the certificate
     * @throws DestructionNotDueException before the due date, or when the contract is not terminated: nothing dropped
     * @throws UnknownHostedDatabaseException when there is none
     * @throws org.charte.common.InvalidInputException naming {@code asOf} or {@code runId}
     */
    SignedCertificate destroy(UUID hostedDatabaseId, LocalDate asOf, String runId);
}
