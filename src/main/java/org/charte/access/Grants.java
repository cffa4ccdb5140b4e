package org.charte.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The only ways into personal data. Each method refuses (AccessException, naming the field) a
 * grant the policy would not allow: a purpose or category outside the grantee's role, a staff
 * grant to a subcontractor, a subcontractor without a contract in force, a validity that is
 * empty or longer than the maximum.
 */
public interface Grants {

    /** An individual grant to a member of staff (ADV, development, Cloud support, DPO), given by another. */
    Grant grantIndividual(UUID granteeId, String purpose, Set<String> categories, List<ResourceRef> resources,
            Instant validUntil, String reason, UUID grantedBy);

    /**
     * A client asked for support on ticket {@code ticketRef} and authorised a support
     * subcontractor: its user reaches that client's data only, until the ticket closes or the grant expires.
     */
    default Grant openForSupportTicket(String ticketRef, UUID clientSubjectId, UUID subcontractorUserId, Set<String> categories,
            Instant validUntil, UUID recordedBy) {
        return openForSupportTicket(ticketRef, clientSubjectId, List.of(), subcontractorUserId, categories, validUntil, recordedBy);
    }

    /**
     * The same, when the client's hosted databases are named: a grant whose categories include
     * {@code hosted-credentials} or {@code hosted-data} opens those databases too (and only those: the
     * caller names the ticket's client's own), until the ticket closes. Asking for those categories
     * when the client has no hosted database is refused (field {@code categories}).
     */
    Grant openForSupportTicket(String ticketRef, UUID clientSubjectId, List<UUID> clientHostedDatabaseIds, UUID subcontractorUserId,
            Set<String> categories, Instant validUntil, UUID recordedBy);

    /**
     * The ticket is closed: every grant it opened (a support subcontractor's, R6.2; a security
     * monitoring's, R6.3) ends now, each recorded in the audit log ({@code end-grant}, the reason
     * "support request closed"). Returns how many.
     */
    int closeSupportTicket(String ticketRef, AccessRequest.Actor closedBy);

    /** {@link #closeSupportTicket(String, AccessRequest.Actor)} by a member of staff. */
    default int closeSupportTicket(String ticketRef, UUID closedBy) {
        return closeSupportTicket(ticketRef, AccessRequest.Actor.staff(closedBy));
    }

    /**
     * A Cloud support staff member, on support request (ticket) {@code ticketRef}, asks a
     * security-monitoring subcontractor to look at a hosted database (R6.3): the ticket records the
     * request, this opens a grant on that database only, until {@code validUntil} or, when null, for
     * 24 hours, and never more than 7 days. The ticket's request is the only way in
     * ({@code POST /api/v1/tickets/{ref}/security-monitoring-requests}).
     */
    Grant openSecurityMonitoring(String ticketRef, UUID requestedBy, UUID subcontractorUserId, UUID hostedDatabaseId,
            @Nullable Instant validUntil);

    /**
     * A rights matter on one person waits for the DPO (R6.1, R9.4): a verified post-mortem request, a
     * death notified whose evidence is to be checked. As a support request opens a subcontractor's
     * grant, it opens to each DPO (every account of the role {@code dpo} not disabled; nobody else) a
     * grant for the handling of rights requests ({@code rights-requests}) on that person alone, for
     * {@code categories} (within the DPO's role and that purpose, else refused naming
     * {@code categories}), until the matter ends ({@link #closeRightsRequest}) or {@code validUntil}.
     * Each opening is recorded in the audit log ({@code open-grant}, under the person's id, with the
     * reason). A DPO who already holds a grant in force for {@code rightsRef} is not opened another.
     * The decision point still asks the rest of the DPO: a signed commitment, the person's own limits.
     *
     * @param rightsRef what opened them, as {@link #closeRightsRequest} will name it (at most 100 characters)
     * @param openedBy a typed id ({@code staff:<uuid>}, then the grantor, or {@code system}): the audit entry's actor
     * @return the grants opened, one per DPO (none when there is no DPO)
     */
    List<Grant> openForRightsRequest(String rightsRef, UUID subjectId, Set<String> categories, Instant validUntil, String reason,
            String openedBy);

    /**
     * The rights matter ended (the request closed, the check decided): every grant it opened still in
     * force ends now, each recorded in the audit log ({@code end-grant}, under the person's id) with
     * {@code reason}, which is also its revoke reason. Returns how many.
     *
     * @param closedBy a typed id ({@code staff:<uuid>}, {@code token:<uuid>}, {@code subject:<uuid>}, {@code system})
     */
    int closeRightsRequest(String rightsRef, String closedBy, String reason);

    Grant revoke(UUID grantId, UUID revokedBy, String reason);

    Optional<Grant> find(UUID id);

    List<Grant> forGrantee(UUID granteeId);

    List<Grant> all();
}
