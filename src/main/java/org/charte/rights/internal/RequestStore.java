package org.charte.rights.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.common.Zones;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.rights.internal.RightsRequests.Step;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of rights requests. Each request has a data key of its own in the vault (key id = the
 * request's id): the claimant and every note are sealed under it, bound to their row.
 */
@Component
class RequestStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Ids ids;
    private final Clock clock;
    private final PostMortemGrants grants;

    RequestStore(JdbcClient jdbc, Vault vault, Ids ids, Clock clock, PostMortemGrants grants) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
        this.grants = grants;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Zones.PARIS);
    }

    Instant now() {
        return clock.instant();
    }

    OffsetDateTime nowUtc() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    UUID nextId() {
        return ids.next();
    }

    RightsRequest insert(RequestType type, RequestChannel channel, String language, LocalDate receivedOn, Claimant claimant, String recordedBy) {
        UUID id = ids.next();
        vault.createKey(id);
        long number = jdbc.sql("SELECT last_value FROM rights_request_counter WHERE name = 'rights-request' FOR UPDATE").query(Long.class).single() + 1;
        jdbc.sql("UPDATE rights_request_counter SET last_value = ? WHERE name = 'rights-request'").param(number).update();
        String reference = "R-" + today().getYear() + "-" + String.format("%06d", number);
        RequestClock clock = RequestClock.receivedOn(receivedOn);
        jdbc.sql("""
                INSERT INTO rights_request (id, reference, type, channel, language, received_on, recorded_at, recorded_by, claimant, status, due_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, reference, type.name(), channel.name(), language, receivedOn, nowUtc(), recordedBy,
                        vault.seal(id, "rights.claimant:" + id, JSON.writeValueAsBytes(claimant)), RequestStatus.AWAITING_VERIFICATION.name(),
                        clock.dueOn())
                .update();
        index(id, claimant);
        return load(id).orElseThrow();
    }

    Optional<RightsRequest> load(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(RequestStore::row).optional();
    }

    /** The request, locked for the rest of the transaction: one step at a time. */
    Optional<RightsRequest> lock(UUID id) {
        return jdbc.sql("SELECT id FROM rights_request WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional().flatMap(this::load);
    }

    /** As {@link #lock}; an unknown id is a 404. */
    RightsRequest locked(UUID id) {
        return lock(id).orElseThrow(UnknownRequestException::new);
    }

    List<RightsRequest> open() {
        return jdbc.sql(SELECT + " WHERE status IN ('AWAITING_VERIFICATION', 'IN_PROGRESS', 'AWAITING_INFORMATION') ORDER BY due_on, reference")
                .query(RequestStore::row).list();
    }

    List<RightsRequest> closed(int limit) {
        return jdbc.sql(SELECT + " WHERE status IN ('ANSWERED', 'REFUSED', 'CANCELLED') ORDER BY closed_at DESC, reference DESC")
                .query(RequestStore::row).list().stream().limit(limit).toList();
    }

    /** Open requests whose identity was never verified, received on or before {@code day}: candidates to lapse ({@link UnverifiedLapse}). */
    List<UUID> unverifiedReceivedBy(LocalDate day) {
        return jdbc.sql("""
                SELECT id FROM rights_request
                WHERE status IN ('AWAITING_VERIFICATION', 'AWAITING_INFORMATION') AND verified_at IS NULL AND received_on <= ?
                ORDER BY received_on, id""").param(day).query(UUID.class).list();
    }

    /** Requests in one of {@code statuses}, of {@code type} when given; the soonest due first, then the latest closed. */
    /** Writes the blind indexes the list searches a request by ({@link ClaimantSearch}) and marks it indexed. */
    void index(UUID id, Claimant claimant) {
        Set<String> digests = new LinkedHashSet<>();
        ClaimantSearch.email(claimant.email()).ifPresent(email -> digests.add(vault.blindIndex(ClaimantSearch.EMAIL, email)));
        ClaimantSearch.words(claimant.name()).forEach(word -> digests.add(vault.blindIndex(ClaimantSearch.WORD, word)));
        jdbc.sql("DELETE FROM rights_request_search WHERE request_id = ?").param(id).update();
        for (String digest : digests) {
            jdbc.sql("INSERT INTO rights_request_search (request_id, digest) VALUES (?, ?)").params(id, digest).update();
        }
        jdbc.sql("UPDATE rights_request SET search_indexed = TRUE WHERE id = ?").param(id).update();
    }

    /** Requests recorded before their sender's name and e-mail were indexed (V49_2): a batch of their ids. */
    List<UUID> notIndexed(int limit) {
        return jdbc.sql("SELECT id FROM rights_request WHERE search_indexed = FALSE ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")
                .query(UUID.class).list();
    }

    /** Marks a request indexed without indexes (its claimant could not be read): it is found by reference only. */
    void indexedWithout(UUID id) {
        jdbc.sql("UPDATE rights_request SET search_indexed = TRUE WHERE id = ?").param(id).update();
    }

    /** The ids of the requests whose sender gave this e-mail, or that were verified as this person's: no claimant opened. */
    Set<UUID> withEmail(String email, Optional<UUID> person) {
        Set<UUID> ids = new HashSet<>();
        ClaimantSearch.email(email).ifPresent(normalised -> ids.addAll(jdbc.sql("SELECT request_id FROM rights_request_search WHERE digest = ?")
                .param(vault.blindIndex(ClaimantSearch.EMAIL, normalised)).query(UUID.class).list()));
        person.ifPresent(subject -> ids.addAll(jdbc.sql("SELECT id FROM rights_request WHERE subject_id = ?").param(subject).query(UUID.class).list()));
        return ids;
    }

    /** The ids of the requests whose sender's name has every one of these words (folded, {@link ClaimantSearch#words}). */
    Set<UUID> withNameWords(List<String> words) {
        if (words.isEmpty()) {
            return Set.of();
        }
        List<String> digests = words.stream().map(word -> vault.blindIndex(ClaimantSearch.WORD, word)).distinct().toList();
        return new HashSet<>(jdbc.sql("SELECT request_id FROM rights_request_search WHERE digest IN (:digests) GROUP BY request_id "
                        + "HAVING COUNT(DISTINCT digest) = :count")
                .param("digests", digests).param("count", digests.size()).query(UUID.class).list());
    }

    List<RightsRequest> listed(Set<RequestStatus> statuses, @Nullable RequestType type) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        List<String> names = statuses.stream().map(Enum::name).sorted().toList();
        String in = String.join(", ", Collections.nCopies(names.size(), "?"));
        List<Object> params = new ArrayList<>(names);
        String where = " WHERE status IN (" + in + ")";
        if (type != null) {
            where += " AND type = ?";
            params.add(type.name());
        }
        return jdbc.sql(SELECT + where + " " + """
                ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, CASE WHEN closed_at IS NULL THEN due_on END, closed_at DESC, reference""")
                .params(params).query(RequestStore::row).list();
    }

    Claimant claimant(UUID id) {
        byte[] sealed = jdbc.sql("SELECT claimant FROM rights_request WHERE id = ?").param(id).query(byte[].class).single();
        return JSON.readValue(vault.open(id, "rights.claimant:" + id, sealed), Claimant.class);
    }

    void status(UUID id, RequestStatus status) {
        jdbc.sql("UPDATE rights_request SET status = ? WHERE id = ?").params(status.name(), id).update();
    }

    void verified(UUID id, @Nullable UUID subjectId, String by) {
        jdbc.sql("UPDATE rights_request SET status = ?, subject_id = ?, verified_at = ?, verified_by = ? WHERE id = ?")
                .params(RequestStatus.IN_PROGRESS.name(), subjectId, nowUtc(), by, id).update();
    }

    void clock(UUID id, RequestClock clock) {
        jdbc.sql("UPDATE rights_request SET suspended_days = ?, suspended_since = ?, extended_on = ?, due_on = ? WHERE id = ?")
                .params(clock.suspendedDays(), clock.suspendedSince(), clock.extendedOn(), clock.dueOn(), id).update();
    }

    /**
     * Closes the request, by {@code by} (a typed id, or {@code system}); whatever closed it, the grants
     * it opened end with it, in the same transaction ({@link PostMortemGrants}, R6.1).
     */
    void close(UUID id, RequestStatus status, String outcome, String by) {
        jdbc.sql("UPDATE rights_request SET status = ?, outcome = ?, closed_at = ? WHERE id = ?")
                .params(status.name(), outcome, nowUtc(), id).update();
        jdbc.sql("SELECT reference FROM rights_request WHERE id = ?").param(id).query(String.class).optional()
                .ifPresent(reference -> grants.closed(reference, by));
    }

    /** One step of the history; the note sealed under the request's key. */
    void step(UUID requestId, String actor, String kind, @Nullable String note) {
        UUID id = ids.next();
        jdbc.sql("INSERT INTO rights_request_event (id, request_id, at, on_day, actor, kind, note) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, requestId, nowUtc(), today(), actor, kind,
                        note == null ? null : vault.seal(requestId, "rights.note:" + id, note.getBytes(StandardCharsets.UTF_8)))
                .update();
    }

    /** Whether the request's history has a step of that kind at or after that instant (reads no note). */
    boolean stepSince(UUID requestId, String kind, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM rights_request_event WHERE request_id = ? AND kind = ? AND at >= ?")
                .params(requestId, kind, since.atOffset(ZoneOffset.UTC)).query(Long.class).single() > 0;
    }

    /**
     * The language of the post-mortem request that left the person's directives (the latest answered
     * one the person made, not one Charte made for their trusted person); French when none.
     */
    String directivesLanguage(UUID subjectId) {
        return jdbc.sql("""
                SELECT language FROM rights_request
                WHERE type = 'POST_MORTEM' AND subject_id = ? AND outcome = 'answered' AND NOT (channel = 'API' AND recorded_by = 'system')
                ORDER BY closed_at DESC, id DESC""").param(subjectId).query(String.class).list().stream().findFirst().orElse("fr");
    }

    /** The language of the person's latest rights request, whatever its type; empty when they made none. */
    Optional<String> latestLanguage(UUID subjectId) {
        return jdbc.sql("SELECT language FROM rights_request WHERE subject_id = ? ORDER BY recorded_at DESC, id DESC")
                .param(subjectId).query(String.class).list().stream().findFirst();
    }

    Optional<RightsRequest> byReference(String reference) {
        return jdbc.sql(SELECT + " WHERE reference = ?").param(reference).query(RequestStore::row).optional();
    }

    List<Step> history(UUID requestId) {
        return jdbc.sql("SELECT id, at, on_day, actor, kind, note FROM rights_request_event WHERE request_id = ? ORDER BY at, id")
                .param(requestId).query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    byte[] note = rs.getBytes("note");
                    return new Step(rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getObject("on_day", LocalDate.class),
                            rs.getString("actor"), rs.getString("kind"),
                            note == null ? null : new String(vault.open(requestId, "rights.note:" + id, note), StandardCharsets.UTF_8));
                }).list();
    }

    byte[] seal(UUID requestId, String field, byte[] content) {
        return vault.seal(requestId, field, content);
    }

    byte[] open(UUID requestId, String field, byte[] sealed) {
        return vault.open(requestId, field, sealed);
    }

    private static final String SELECT = """
            SELECT id, reference, type, channel, language, received_on, recorded_at, status, subject_id, verified_at,
                   suspended_days, suspended_since, extended_on, closed_at, outcome FROM rights_request""";

    private static RightsRequest row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime verifiedAt = rs.getObject("verified_at", OffsetDateTime.class);
        OffsetDateTime closedAt = rs.getObject("closed_at", OffsetDateTime.class);
        LocalDate receivedOn = rs.getObject("received_on", LocalDate.class);
        return new RightsRequest(rs.getObject("id", UUID.class), rs.getString("reference"), RequestType.valueOf(rs.getString("type")),
                RequestChannel.valueOf(rs.getString("channel")), rs.getString("language"), receivedOn,
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), RequestStatus.valueOf(rs.getString("status")),
                rs.getObject("subject_id", UUID.class), verifiedAt == null ? null : verifiedAt.toInstant(),
                new RequestClock(receivedOn, rs.getInt("suspended_days"), rs.getObject("suspended_since", LocalDate.class),
                        rs.getObject("extended_on", LocalDate.class)),
                closedAt == null ? null : closedAt.toInstant(), rs.getString("outcome"));
    }
}
