package org.charte.registers.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The breach register's rows (V39): SQL and mapping only. */
@Repository
class JdbcBreaches {

    private static final String COLUMNS = "id, title, discovered_at, discovered_how, nature, categories, approximate_people, "
            + "approximate_records, consequences, measures_taken, measures_planned, risk, risk_reasons, notified_at, reasons_for_delay, "
            + "cnil_reference, people_told_at, people_told_how, compromised_actor, window_from, window_to, recorded_by, recorded_at";

    private final JdbcClient jdbc;

    JdbcBreaches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, BreachForm.Checked form, String recordedBy, Instant at) {
        jdbc.sql("INSERT INTO breach (id, title, discovered_at, discovered_how, nature, categories, approximate_people, "
                        + "approximate_records, consequences, measures_taken, measures_planned, recorded_by, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, form.title(), utc(form.discoveredAt()), form.discoveredHow(),
                        form.nature().stream().map(BreachNature::code).collect(Collectors.joining(",")),
                        String.join(",", form.categories()), form.approximatePeople(), form.approximateRecords(),
                        form.consequences(), form.measuresTaken(), form.measuresPlanned(), recordedBy, utc(at))
                .update();
    }

    void step(UUID id, UUID breachId, Instant at, String actor, String kind, @Nullable BreachRisk risk, @Nullable String text) {
        jdbc.sql("INSERT INTO breach_step (id, breach_id, at, actor, kind, risk, text) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, breachId, utc(at), actor, kind, risk == null ? null : risk.name(), text).update();
    }

    void assess(UUID breachId, BreachRisk risk, String reasons) {
        jdbc.sql("UPDATE breach SET risk = ?, risk_reasons = ? WHERE id = ?").params(risk.name(), reasons, breachId).update();
    }

    /** The first notification to the CNIL stops the clock; a complementary one keeps its date. */
    void notified(UUID breachId, Instant at, @Nullable String reasonsForDelay, @Nullable String reference) {
        jdbc.sql("UPDATE breach SET notified_at = COALESCE(notified_at, ?), reasons_for_delay = COALESCE(reasons_for_delay, ?), "
                        + "cnil_reference = COALESCE(?, cnil_reference) WHERE id = ?")
                .params(utc(at), reasonsForDelay, reference, breachId).update();
    }

    void peopleTold(UUID breachId, Instant at, String how) {
        jdbc.sql("UPDATE breach SET people_told_at = ?, people_told_how = ? WHERE id = ?").params(utc(at), how, breachId).update();
    }

    void compromised(UUID breachId, String actor, Instant from, Instant to) {
        jdbc.sql("UPDATE breach SET compromised_actor = ?, window_from = ?, window_to = ? WHERE id = ?")
                .params(actor, utc(from), utc(to), breachId).update();
    }

    Optional<Breach> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM breach WHERE id = ?").param(id).query(JdbcBreaches::breach).optional();
    }

    /** Locks the row for a change. */
    Optional<Breach> locked(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM breach WHERE id = ? FOR UPDATE").param(id).query(JdbcBreaches::breach).optional();
    }

    List<Breach> latest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM breach ORDER BY discovered_at DESC, id DESC LIMIT ?").param(limit)
                .query(JdbcBreaches::breach).list();
    }

    List<Breach.Step> steps(UUID breachId) {
        return jdbc.sql("SELECT at, actor, kind, risk, text FROM breach_step WHERE breach_id = ? ORDER BY at, id").param(breachId)
                .query((rs, n) -> new Breach.Step(instant(rs, "at"), rs.getString("actor"), rs.getString("kind"),
                        rs.getString("risk") == null ? null : BreachRisk.valueOf(rs.getString("risk")), rs.getString("text")))
                .list();
    }

    /** Breaches whose clock runs (not notified, not assessed as without risk), discovered at or before {@code by}, not yet mailed about. */
    List<UUID> runningUnmailed(Instant by, boolean overdue) {
        return jdbc.sql("SELECT id FROM breach WHERE notified_at IS NULL AND (risk IS NULL OR risk <> 'NONE') AND discovered_at <= ? AND "
                        + (overdue ? "overdue_mailed_at" : "near_due_mailed_at") + " IS NULL ORDER BY discovered_at")
                .param(utc(by)).query(UUID.class).list();
    }

    /** Marks the mail as sent; false when another node already did. */
    boolean markMailed(UUID breachId, boolean overdue, Instant at) {
        String column = overdue ? "overdue_mailed_at" : "near_due_mailed_at";
        return jdbc.sql("UPDATE breach SET " + column + " = ? WHERE id = ? AND " + column + " IS NULL").params(utc(at), breachId)
                .update() == 1;
    }

    private static Breach breach(ResultSet rs, int n) throws SQLException {
        Set<BreachNature> nature = new LinkedHashSet<>();
        Arrays.stream(rs.getString("nature").split(",")).map(BreachNature::of).forEach(nature::add);
        String risk = rs.getString("risk");
        return new Breach(rs.getObject("id", UUID.class), rs.getString("title"), instant(rs, "discovered_at"),
                rs.getString("discovered_how"), nature, List.of(rs.getString("categories").split(",")),
                rs.getLong("approximate_people"), rs.getLong("approximate_records"), rs.getString("consequences"),
                rs.getString("measures_taken"), rs.getString("measures_planned"), risk == null ? null : BreachRisk.valueOf(risk),
                rs.getString("risk_reasons"), optionalInstant(rs, "notified_at"), rs.getString("reasons_for_delay"),
                rs.getString("cnil_reference"), optionalInstant(rs, "people_told_at"), rs.getString("people_told_how"),
                rs.getString("compromised_actor"), optionalInstant(rs, "window_from"), optionalInstant(rs, "window_to"),
                rs.getString("recorded_by"), instant(rs, "recorded_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant optionalInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
