package org.charte.access;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * L4: what a legal hold (or a legal obligation) alone still keeps serves only that hold's or
 * obligation's purpose. A person whose retention has ended but whom a hold keeps (an unpaid invoice,
 * a litigation) is limited to the purposes named here: the decision point refuses every other purpose
 * for their data, whoever asks and whatever grant they hold, as under a restriction (reason
 * {@code kept-for-obligation}). The retention run sets it when it finds such a person, in its batch's
 * transaction, and clears it when it erases them.
 *
 * <p>{@code by} is a typed id as the audit log takes it ({@code system}, {@code staff:<uuid>}).
 * Takes effect like a restriction: on this node from the next decision after commit, on the others
 * within the limits' refresh interval.
 */
public interface KeptForObligations {

    /** A person kept only for these purposes, since when, and why (a code such as {@code legal-hold}). */
    record Kept(UUID subjectId, Set<String> purposes, String reason, Instant since) {}

    /**
     * Limits a person's data to these purposes (replacing an earlier limit); does nothing when they are
     * already limited to exactly these. In the caller's transaction.
     *
     * @throws org.charte.common.InvalidInputException naming {@code purposes} (empty, or not the policy's),
     *     {@code reason} (not a code) or {@code by}
     */
    void keepOnlyFor(UUID subjectId, Set<String> purposes, String reason, String by);

    /** Lifts the limit of these people (erased, or no longer kept by a hold); returns how many had one. In the caller's transaction. */
    int release(Collection<UUID> subjectIds, String by);

    Optional<Kept> find(UUID subjectId);
}
