package org.charte.support;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.FreeText;
import org.charte.common.Plausible;
import org.charte.common.SingleLine;
import org.jspecify.annotations.Nullable;

/**
 * Support tickets on every channel (purpose {@code customer-service}, category
 * {@code support-requests}). Every message is screened for sensitive data and sealed under the
 * client's key; an inbound one moves the person's last contact. A ticket is what opens a support
 * subcontractor's grant on its client (R6.2) and a security-monitoring grant (R6.3).
 */
public interface Tickets {

    /** A support request and its first message, from the person. */
    record NewTicket(@NotNull Channel channel, @Nullable @Size(max = 200) @SingleLine String title,
            @NotBlank @Size(max = 20000) @FreeText String message) {}

    /** A message on a ticket: inbound from the person, or outbound from us; on the ticket's channel unless named. */
    record NewMessage(@NotNull Ticket.Direction direction, @Nullable Channel channel, @NotBlank @Size(max = 20000) @FreeText String text) {}

    /**
     * The client authorises a support subcontractor's user on this ticket: by default for identity,
     * contact and support requests, for 30 days at most, and never beyond the ticket's closure.
     */
    record NewAuthorisation(@NotNull UUID subcontractorUserId, @Nullable @Size(max = 10) Set<@NotBlank @Size(max = 64) @SingleLine String> categories,
            @Nullable @Plausible Instant validUntil) {}

    /** Cloud support asks a security-monitoring subcontractor's user to look at one hosted database (24 hours unless said, 7 days at most: the access module's rule). */
    record NewMonitoringRequest(@NotNull UUID subcontractorUserId, @NotNull UUID hostedDatabaseId,
            @NotBlank @Size(max = 2000) @FreeText String reason, @Nullable @Plausible Instant validUntil) {}

    /** Opens a ticket (a new record): its reference is T-year-number. Raises {@link TicketOpened}. */
    Ticket open(Actor actor, UUID subjectId, NewTicket ticket);

    /** Adds a message to an open ticket (a new record). */
    Ticket.Message addMessage(Actor actor, String reference, NewMessage message);

    /** Records the client's authorisation of a support subcontractor and opens its grant on this client only (needs a grant). */
    Ticket.Authorisation authoriseSubcontractor(Actor actor, String reference, NewAuthorisation authorisation);

    /** Records a Cloud support staff member's request for security monitoring and opens its grant (needs a grant). */
    Ticket.MonitoringRequest requestSecurityMonitoring(Actor actor, String reference, NewMonitoringRequest request);

    /** Closes the ticket and ends every grant it opened (needs a grant). Raises {@link TicketClosed}. */
    Ticket close(Actor actor, String reference);

    Ticket find(Actor actor, String purpose, String reference);

    List<Ticket.Summary> ofSubject(Actor actor, String purpose, UUID subjectId);

    /**
     * A person's tickets in full (messages, authorisations, monitoring requests), in one decision and
     * four queries whatever their number: what a person's whole file (an access request) reads.
     */
    List<Ticket> ofSubjectInFull(Actor actor, String purpose, UUID subjectId);
}
