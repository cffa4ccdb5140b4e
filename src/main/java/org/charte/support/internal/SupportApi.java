package org.charte.support.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.support.Ticket;
import org.charte.support.Tickets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Support tickets over JSON, purpose {@code customer-service}; every call through the decision point
 * inside the service. Reads name their purpose.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Support", description = "Support tickets on every channel; a ticket opens a support subcontractor's grant (R6.2) "
        + "or, at Cloud support's request, a security-monitoring grant (R6.3). Staff opening a ticket or adding a message on a person "
        + "already recorded need a grant on them for customer-service (support-requests), as for reading (403 otherwise, nothing written); "
        + "a token with subjects:write records by its scope")
class SupportApi {

    private static final String PURPOSE = "The purpose of this read: one of the policy's purposes that uses support requests";

    private final CurrentActor actors;
    private final Tickets tickets;

    SupportApi(CurrentActor actors, Tickets tickets) {
        this.actors = actors;
        this.tickets = tickets;
    }

    @PostMapping("/subjects/{id}/tickets")
    @Operation(summary = "Open a ticket with the person's first message (an inbound contact); its reference is T-year-number. Raises TicketOpened")
    ResponseEntity<Ticket> open(@PathVariable("id") UUID subjectId, @RequestBody Tickets.NewTicket body, Authentication authentication) {
        Ticket ticket = tickets.open(actors.of(authentication), subjectId, body);
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticket.reference())).body(ticket);
    }

    @GetMapping("/subjects/{id}/tickets")
    @Operation(summary = "A person's tickets, without their messages")
    List<Ticket.Summary> ofSubject(@PathVariable("id") UUID subjectId,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return tickets.ofSubject(actors.of(authentication), purpose, subjectId);
    }

    @GetMapping("/tickets/{ticketRef}")
    @Operation(summary = "A ticket with its messages, authorisations and security-monitoring requests")
    Ticket find(@PathVariable("ticketRef") String reference,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return tickets.find(actors.of(authentication), purpose, reference);
    }

    @PostMapping("/tickets/{ticketRef}/messages")
    @Operation(summary = "Add a message to an open ticket (screened for sensitive data, sealed); an inbound one is a contact")
    ResponseEntity<Ticket.Message> message(@PathVariable("ticketRef") String reference, @RequestBody Tickets.NewMessage body,
            Authentication authentication) {
        Ticket.Message message = tickets.addMessage(actors.of(authentication), reference, body);
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + reference)).body(message);
    }

    @PostMapping("/tickets/{ticketRef}/subcontractor-authorisations")
    @Operation(summary = "Record the client's authorisation of a support subcontractor: opens its grant on this client only, until the ticket closes (R6.2)",
            description = "categories default to identity, contact and support-requests. hosted-credentials or hosted-data also open the "
                    + "client's own hosted databases not destroyed yet (credentials revealed through POST /api/v1/hosted-databases/{id}/credentials, "
                    + "audited); a client without one: 400 naming categories (R3.3)")
    ResponseEntity<Ticket.Authorisation> authorise(@PathVariable("ticketRef") String reference, @RequestBody Tickets.NewAuthorisation body,
            Authentication authentication) {
        Ticket.Authorisation authorisation = tickets.authoriseSubcontractor(actors.of(authentication), reference, body);
        return ResponseEntity.created(URI.create("/api/v1/grants/" + authorisation.grantId())).body(authorisation);
    }

    @PostMapping("/tickets/{ticketRef}/security-monitoring-requests")
    @Operation(summary = "Cloud support only: request security monitoring of one hosted database, recorded on the ticket; opens the grant (R6.3)",
            description = "The only route for security-monitoring requests. validUntil is optional: 24 hours unless given, 7 days at most "
                    + "(400 naming validUntil). The caller needs a grant on the ticket's client for customer-service (403 otherwise)")
    ResponseEntity<Ticket.MonitoringRequest> monitoring(@PathVariable("ticketRef") String reference,
            @RequestBody Tickets.NewMonitoringRequest body, Authentication authentication) {
        Ticket.MonitoringRequest request = tickets.requestSecurityMonitoring(actors.of(authentication), reference, body);
        return ResponseEntity.created(URI.create("/api/v1/grants/" + request.grantId())).body(request);
    }

    @PostMapping("/tickets/{ticketRef}/closure")
    @Operation(summary = "Close a ticket: every grant it opened ends. Raises TicketClosed")
    Ticket close(@PathVariable("ticketRef") String reference, Authentication authentication) {
        return tickets.close(actors.of(authentication), reference);
    }
}
