package org.charte.access;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An individual, limited authorisation: one person, one purpose, some data categories, some
 * resources, a validity. Support-subcontractor grants come from a client's support request
 * (ticket); security-monitoring grants from a recorded request of a Cloud support staff member.
 */
public record Grant(UUID id, UUID granteeId, Kind kind, String purpose, Set<String> categories,
        List<ResourceRef> resources, Instant validFrom, Instant validUntil, UUID grantedBy, Instant grantedAt,
        String reason, @Nullable String ticketRef, @Nullable UUID requestedBy, @Nullable Instant revokedAt,
        @Nullable String revokeReason) {

    public enum Kind { INDIVIDUAL, SUPPORT_TICKET, SECURITY_MONITORING }

    public boolean activeAt(Instant at) {
        return revokedAt == null && !at.isBefore(validFrom) && at.isBefore(validUntil);
    }

    public boolean covers(ResourceRef resource) {
        return resources.contains(resource);
    }
}
