package org.charte.access;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An individual, limited authorisation: one person, one purpose, some data categories, some
 * resources, a validity. Support-subcontractor grants come from a client's support request
 * (ticket); security-monitoring grants from a recorded request of a Cloud support staff member;
 * rights-request grants from a rights matter the DPO handles on one person (a verified post-mortem
 * request, a death notified under check, R9.4), named by {@code rightsRef}.
 *
 * @param grantedBy who gave it; null for a rights-request grant Charte opened by itself (a code checked, a death notified)
 * @param rightsRef the rights matter that opened a rights-request grant, and whose end ends it: a request's reference, a death check's
 */
public record Grant(UUID id, UUID granteeId, Kind kind, String purpose, Set<String> categories,
        List<ResourceRef> resources, Instant validFrom, Instant validUntil, @Nullable UUID grantedBy, Instant grantedAt,
        String reason, @Nullable String ticketRef, @Nullable UUID requestedBy, @Nullable Instant revokedAt,
        @Nullable String revokeReason, @Nullable String rightsRef) {

    public enum Kind { INDIVIDUAL, SUPPORT_TICKET, SECURITY_MONITORING, RIGHTS_REQUEST }

    public boolean activeAt(Instant at) {
        return revokedAt == null && !at.isBefore(validFrom) && at.isBefore(validUntil);
    }

    public boolean covers(ResourceRef resource) {
        return resources.contains(resource);
    }
}
