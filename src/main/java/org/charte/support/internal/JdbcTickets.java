package org.charte.support.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.common.Ids;
import org.charte.common.InputChecks;
import org.charte.hosting.HostedDatabase;
import org.charte.hosting.HostedDatabases;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.support.Channel;
import org.charte.support.Ticket;
import org.charte.support.TicketClosed;
import org.charte.support.TicketOpened;
import org.charte.support.Tickets;
import org.charte.support.UnknownTicketException;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcTickets implements Tickets {

    /** What a client's authorisation opens unless it says otherwise: who they are, how to reach them, their requests. */
    static final Set<String> DEFAULT_CATEGORIES = Set.of("identity", "contact", "support-requests");
    static final Set<String> HOSTED_CATEGORIES = Set.of("hosted-credentials", "hosted-data");
    static final Duration DEFAULT_AUTHORISATION = Duration.ofDays(30);
    static final String TITLE = "ticket.title";
    static final String BODY = "message.body";
    private static final String REASON = "monitoring.reason";

    private final JdbcClient jdbc;
    private final SupportChecks checks;
    private final InputChecks inputs;
    private final MessageScreen screen;
    private final Grants grants;
    private final Ids ids;
    private final ApplicationEventPublisher events;
    private final HostedDatabases hosting;

    JdbcTickets(JdbcClient jdbc, SupportChecks checks, InputChecks inputs, MessageScreen screen, Grants grants, Ids ids,
            ApplicationEventPublisher events, HostedDatabases hosting) {
        this.hosting = hosting;
        this.jdbc = jdbc;
        this.checks = checks;
        this.inputs = inputs;
        this.screen = screen;
        this.grants = grants;
        this.ids = ids;
        this.events = events;
    }

    @Override
    @Transactional
    public Ticket open(Actor actor, UUID subjectId, NewTicket ticket) {
        InputChecks.throwIfAny(inputs.violations(ticket));
        checks.subjectExists(subjectId);
        checks.require(actor, Action.CREATE, subjectId);
        UUID id = ids.next();
        LocalDate today = inputs.today();
        String reference = nextReference(today);
        String title = ticket.title() == null || ticket.title().isBlank() ? null
                : screen.screen(ticket.title().strip(), actor.typedId(), "ticket", id, subjectId).text();
        jdbc.sql("""
                INSERT INTO support_ticket (id, reference, subject_id, channel, status, title, opened_on, opened_at, opened_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, reference, subjectId, ticket.channel().name(), Ticket.Status.OPEN.name(),
                        title == null ? null : checks.seal(subjectId, TITLE, id, title), today, inputs.now(), actor.typedId())
                .update();
        insertMessage(id, subjectId, Ticket.Direction.INBOUND, ticket.channel(), ticket.message(), actor);
        checks.recordContact(subjectId, today); // a support request is an inbound contact
        events.publishEvent(new TicketOpened(id, reference, subjectId, today));
        return load(row(reference));
    }

    /** T-2026-000123: the counter row is locked until this transaction ends, so references are unique and without gaps. */
    private String nextReference(LocalDate today) {
        jdbc.sql("UPDATE ticket_counter SET last_value = last_value + 1 WHERE name = 'ticket'").update();
        long value = jdbc.sql("SELECT last_value FROM ticket_counter WHERE name = 'ticket'").query(Long.class).single();
        return "T-%d-%06d".formatted(today.getYear(), value);
    }

    private Ticket.Message insertMessage(UUID ticketId, UUID subjectId, Ticket.Direction direction, Channel channel, String text, Actor actor) {
        UUID id = ids.next();
        MessageScreen.Screened screened = screen.screen(text.strip(), actor.typedId(), "ticket-message", id, subjectId);
        jdbc.sql("""
                INSERT INTO ticket_message (id, ticket_id, direction, channel, body, screened, recorded_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, ticketId, direction.name(), channel.name(), checks.seal(subjectId, BODY, id, screened.text()),
                        screened.categories().isEmpty() ? null : String.join(",", new TreeSet<>(screened.categories())),
                        inputs.now(), actor.typedId())
                .update();
        return messages(ticketId, checks.keyOf(subjectId)).stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Override
    @Transactional
    public Ticket.Message addMessage(Actor actor, String reference, NewMessage message) {
        InputChecks.throwIfAny(inputs.violations(message));
        Row ticket = row(reference);
        checks.require(actor, Action.CREATE, ticket.subjectId());
        if (ticket.status() == Ticket.Status.CLOSED) {
            throw new InvalidInputException("ticketRef", "the ticket is closed: open a new one");
        }
        Ticket.Message added = insertMessage(ticket.id(), ticket.subjectId(), message.direction(),
                message.channel() == null ? ticket.channel() : message.channel(), message.text(), actor);
        if (message.direction() == Ticket.Direction.INBOUND) {
            checks.recordContact(ticket.subjectId(), inputs.today());
        }
        return added;
    }

    @Override
    @Transactional
    public Ticket.Authorisation authoriseSubcontractor(Actor actor, String reference, NewAuthorisation authorisation) {
        InputChecks.throwIfAny(inputs.violations(authorisation));
        Row ticket = row(reference);
        checks.require(actor, Action.WRITE, ticket.subjectId());
        openOnly(ticket);
        Set<String> categories = authorisation.categories() == null || authorisation.categories().isEmpty() ? DEFAULT_CATEGORIES
                : new TreeSet<>(authorisation.categories());
        Instant now = inputs.now().toInstant();
        Instant validUntil = authorisation.validUntil() == null ? now.plus(DEFAULT_AUTHORISATION) : authorisation.validUntil();
        // Hosted categories open the ticket's client's own hosted databases, and no one else's (R6.2, R3.3).
        List<UUID> hostedDatabases = categories.stream().anyMatch(HOSTED_CATEGORIES::contains)
                ? hosting.ofClient(ticket.subjectId()).stream().map(HostedDatabase::id).toList() : List.of();
        Grant grant = grants.openForSupportTicket(ticket.reference(), ticket.subjectId(), hostedDatabases, authorisation.subcontractorUserId(),
                categories, validUntil, actor.id());
        UUID id = ids.next();
        jdbc.sql("""
                INSERT INTO ticket_authorisation (id, ticket_id, subcontractor_user_id, grant_id, categories, valid_until, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, ticket.id(), authorisation.subcontractorUserId(), grant.id(), String.join(",", new TreeSet<>(grant.categories())),
                        grant.validUntil().atOffset(ZoneOffset.UTC), actor.id(), inputs.now())
                .update();
        return authorisations(ticket.id()).stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    @Override
    @Transactional
    public Ticket.MonitoringRequest requestSecurityMonitoring(Actor actor, String reference, NewMonitoringRequest request) {
        InputChecks.throwIfAny(inputs.violations(request));
        Row ticket = row(reference);
        checks.require(actor, Action.WRITE, ticket.subjectId());
        openOnly(ticket);
        // How long it lasts is the access module's rule; the staff member's own words are sealed on the ticket.
        Grant grant = grants.openSecurityMonitoring(ticket.reference(), actor.id(), request.subcontractorUserId(), request.hostedDatabaseId(),
                request.validUntil());
        UUID id = ids.next();
        jdbc.sql("""
                INSERT INTO ticket_monitoring_request (id, ticket_id, hosted_database_id, subcontractor_user_id, grant_id, reason,
                                                       valid_until, requested_by, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, ticket.id(), request.hostedDatabaseId(), request.subcontractorUserId(), grant.id(),
                        checks.seal(ticket.subjectId(), REASON, id,
                                screen.screen(request.reason().strip(), actor.typedId(), "ticket-monitoring-request", id, ticket.subjectId()).text()),
                        grant.validUntil().atOffset(ZoneOffset.UTC), actor.id(), inputs.now())
                .update();
        return monitoringRequests(ticket.id(), checks.keyOf(ticket.subjectId())).stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Override
    @Transactional
    public Ticket close(Actor actor, String reference) {
        Row ticket = row(reference);
        checks.require(actor, Action.WRITE, ticket.subjectId());
        openOnly(ticket);
        jdbc.sql("UPDATE support_ticket SET status = ?, closed_at = ?, closed_by = ? WHERE id = ?")
                .params(Ticket.Status.CLOSED.name(), inputs.now(), actor.typedId(), ticket.id()).update();
        grants.closeSupportTicket(ticket.reference(), actor); // every grant the ticket opened ends now, monitoring ones too
        events.publishEvent(new TicketClosed(ticket.id(), ticket.reference(), ticket.subjectId(), inputs.today()));
        return load(row(reference));
    }

    @Override
    public Ticket find(Actor actor, String purpose, String reference) {
        Row ticket = row(reference);
        checks.requireRead(actor, purpose, ticket.subjectId());
        return load(ticket);
    }

    @Override
    public List<Ticket.Summary> ofSubject(Actor actor, String purpose, UUID subjectId) {
        checks.subjectExists(subjectId);
        checks.requireRead(actor, purpose, subjectId);
        var key = checks.keyOf(subjectId); // read once for all their titles
        Map<UUID, Integer> counts = new HashMap<>(); // one query for every ticket's message count
        jdbc.sql("""
                SELECT m.ticket_id, COUNT(*) FROM ticket_message m JOIN support_ticket t ON t.id = m.ticket_id WHERE t.subject_id = ?
                GROUP BY m.ticket_id""").param(subjectId)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return jdbc.sql(SELECT + " WHERE subject_id = ? ORDER BY opened_at, reference").param(subjectId).query(this::mapRow).list().stream()
                .map(t -> new Ticket.Summary(t.id(), t.reference(), t.subjectId(), t.channel(), t.status(), title(t, key), t.openedOn(),
                        t.closedAt(), counts.getOrDefault(t.id(), 0)))
                .toList();
    }

    @Override
    public List<Ticket> ofSubjectInFull(Actor actor, String purpose, UUID subjectId) {
        checks.subjectExists(subjectId);
        checks.requireRead(actor, purpose, subjectId);
        var key = checks.keyOf(subjectId); // read once for all their titles, messages and reasons
        Map<UUID, List<Ticket.Message>> messages = new HashMap<>();
        jdbc.sql("""
                SELECT m.ticket_id, m.id, m.direction, m.channel, m.body, m.screened, m.recorded_at FROM ticket_message m
                JOIN support_ticket t ON t.id = m.ticket_id WHERE t.subject_id = ? ORDER BY m.recorded_at, m.id""").param(subjectId)
                .query((rs, n) -> Map.entry(rs.getObject("ticket_id", UUID.class), message(rs, key))).list()
                .forEach(e -> messages.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<UUID, List<Ticket.Authorisation>> authorisations = new HashMap<>();
        jdbc.sql("""
                SELECT a.ticket_id, a.id, a.subcontractor_user_id, a.grant_id, a.categories, a.valid_until, a.recorded_by, a.recorded_at
                FROM ticket_authorisation a JOIN support_ticket t ON t.id = a.ticket_id WHERE t.subject_id = ? ORDER BY a.recorded_at, a.id""")
                .param(subjectId).query((rs, n) -> Map.entry(rs.getObject("ticket_id", UUID.class), authorisation(rs))).list()
                .forEach(e -> authorisations.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<UUID, List<Ticket.MonitoringRequest>> monitoring = new HashMap<>();
        jdbc.sql("""
                SELECT r.ticket_id, r.id, r.hosted_database_id, r.subcontractor_user_id, r.grant_id, r.reason, r.valid_until, r.requested_by,
                       r.requested_at
                FROM ticket_monitoring_request r JOIN support_ticket t ON t.id = r.ticket_id WHERE t.subject_id = ? ORDER BY r.requested_at, r.id""")
                .param(subjectId).query((rs, n) -> Map.entry(rs.getObject("ticket_id", UUID.class), monitoringRequest(rs, key))).list()
                .forEach(e -> monitoring.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return jdbc.sql(SELECT + " WHERE subject_id = ? ORDER BY opened_at, reference").param(subjectId).query(this::mapRow).list().stream()
                .map(t -> new Ticket(t.id(), t.reference(), t.subjectId(), t.channel(), t.status(), title(t, key), t.openedOn(), t.openedAt(),
                        t.closedAt(), messages.getOrDefault(t.id(), new ArrayList<>()), authorisations.getOrDefault(t.id(), new ArrayList<>()),
                        monitoring.getOrDefault(t.id(), new ArrayList<>())))
                .toList();
    }

    private static void openOnly(Row ticket) {
        if (ticket.status() == Ticket.Status.CLOSED) {
            throw new InvalidInputException("ticketRef", "the ticket is closed");
        }
    }

    /** A ticket as stored: the title still sealed. */
    private record Row(UUID id, String reference, UUID subjectId, Channel channel, Ticket.Status status, byte @Nullable [] title,
            LocalDate openedOn, Instant openedAt, @Nullable Instant closedAt) {}

    private static final String SELECT = "SELECT id, reference, subject_id, channel, status, title, opened_on, opened_at, closed_at FROM support_ticket";

    private Row row(String reference) {
        return jdbc.sql(SELECT + " WHERE reference = ?").param(reference.strip().toUpperCase(Locale.ROOT)).query(this::mapRow).optional()
                .orElseThrow(() -> new UnknownTicketException("ticketRef", "no such ticket"));
    }

    private Row mapRow(ResultSet rs, int n) throws SQLException {
        OffsetDateTime closedAt = rs.getObject("closed_at", OffsetDateTime.class);
        return new Row(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getObject("subject_id", UUID.class),
                Channel.valueOf(rs.getString("channel")), Ticket.Status.valueOf(rs.getString("status")), rs.getBytes("title"),
                rs.getObject("opened_on", LocalDate.class), rs.getObject("opened_at", OffsetDateTime.class).toInstant(),
                closedAt == null ? null : closedAt.toInstant());
    }

    private @Nullable String title(Row ticket, Vault.SubjectKey key) {
        return checks.open(key, TITLE, ticket.id(), ticket.title());
    }

    private Ticket load(Row t) {
        var key = checks.keyOf(t.subjectId()); // read once for the ticket's title, messages and reasons
        return new Ticket(t.id(), t.reference(), t.subjectId(), t.channel(), t.status(), title(t, key), t.openedOn(), t.openedAt(), t.closedAt(),
                messages(t.id(), key), authorisations(t.id()), monitoringRequests(t.id(), key));
    }

    private List<Ticket.Message> messages(UUID ticketId, Vault.SubjectKey key) {
        return jdbc.sql("SELECT id, direction, channel, body, screened, recorded_at FROM ticket_message WHERE ticket_id = ? ORDER BY recorded_at, id")
                .param(ticketId)
                .query((rs, n) -> message(rs, key))
                .list();
    }

    private Ticket.Message message(ResultSet rs, Vault.SubjectKey key) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String screened = rs.getString("screened");
        return new Ticket.Message(id, Ticket.Direction.valueOf(rs.getString("direction")), Channel.valueOf(rs.getString("channel")),
                Objects.requireNonNull(checks.open(key, BODY, id, rs.getBytes("body"))),
                screened == null ? List.of() : Arrays.asList(screened.split(",")),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
    }

    private List<Ticket.Authorisation> authorisations(UUID ticketId) {
        return jdbc.sql("""
                SELECT id, subcontractor_user_id, grant_id, categories, valid_until, recorded_by, recorded_at
                FROM ticket_authorisation WHERE ticket_id = ? ORDER BY recorded_at, id""").param(ticketId)
                .query((rs, n) -> authorisation(rs))
                .list();
    }

    private List<Ticket.MonitoringRequest> monitoringRequests(UUID ticketId, Vault.SubjectKey key) {
        return jdbc.sql("""
                SELECT id, hosted_database_id, subcontractor_user_id, grant_id, reason, valid_until, requested_by, requested_at
                FROM ticket_monitoring_request WHERE ticket_id = ? ORDER BY requested_at, id""").param(ticketId)
                .query((rs, n) -> monitoringRequest(rs, key))
                .list();
    }

    private static Ticket.Authorisation authorisation(ResultSet rs) throws SQLException {
        return new Ticket.Authorisation(rs.getObject("id", UUID.class), rs.getObject("subcontractor_user_id", UUID.class),
                rs.getObject("grant_id", UUID.class), new LinkedHashSet<>(Arrays.asList(rs.getString("categories").split(","))),
                rs.getObject("valid_until", OffsetDateTime.class).toInstant(), rs.getObject("recorded_by", UUID.class),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
    }

    private Ticket.MonitoringRequest monitoringRequest(ResultSet rs, Vault.SubjectKey key) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Ticket.MonitoringRequest(id, rs.getObject("hosted_database_id", UUID.class),
                rs.getObject("subcontractor_user_id", UUID.class), rs.getObject("grant_id", UUID.class),
                Objects.requireNonNull(checks.open(key, REASON, id, rs.getBytes("reason"))),
                rs.getObject("valid_until", OffsetDateTime.class).toInstant(), rs.getObject("requested_by", UUID.class),
                rs.getObject("requested_at", OffsetDateTime.class).toInstant());
    }

}
