package org.charte.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A support request (policy §3.2) with its messages, the support subcontractors the client authorised
 * on it (R6.2) and the security-monitoring requests Cloud support recorded on it (R6.3).
 */
public record Ticket(UUID id, String reference, UUID subjectId, Channel channel, Status status, @Nullable String title,
        LocalDate openedOn, Instant openedAt, @Nullable Instant closedAt, List<Message> messages,
        List<Authorisation> authorisations, List<MonitoringRequest> monitoringRequests) {

    public enum Status { OPEN, CLOSED }

    public enum Direction { INBOUND, OUTBOUND }

    /**
     * One message, as kept: {@code screened} lists the sensitive-data categories the screen found
     * and redacted (codes only, never the words).
     */
    public record Message(UUID id, Direction direction, Channel channel, String text, List<String> screened, Instant recordedAt) {}

    /** The client's authorisation of a support subcontractor's user, and the grant it opened (ended when the ticket closes). */
    public record Authorisation(UUID id, UUID subcontractorUserId, UUID grantId, Set<String> categories, Instant validUntil,
            UUID recordedBy, Instant recordedAt) {}

    /** A Cloud support staff member's request for security monitoring of one hosted database, and the grant it opened. */
    public record MonitoringRequest(UUID id, UUID hostedDatabaseId, UUID subcontractorUserId, UUID grantId, String reason,
            Instant validUntil, UUID requestedBy, Instant requestedAt) {}

    /** A ticket in a list: no messages. */
    public record Summary(UUID id, String reference, UUID subjectId, Channel channel, Status status, @Nullable String title,
            LocalDate openedOn, @Nullable Instant closedAt, int messageCount) {}
}
