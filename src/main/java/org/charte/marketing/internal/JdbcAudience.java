package org.charte.marketing.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.charte.common.Databases;
import org.charte.marketing.CallOutcome;
import org.charte.marketing.FrenchRegions;
import org.charte.marketing.PhoneCallRules;
import org.charte.marketing.Segment;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.SubjectStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audience's facts (V32: {@code marketing_audience}, {@code marketing_audience_hash},
 * {@code marketing_audience_region}) and the one query that reads them with the marketing rows and
 * the other modules' views ({@code subject_lifecycle}, {@code deceased_subject},
 * {@code restricted_subject}, {@code held_subject}, {@code obligation_kept_subject},
 * {@code archived_subject}, {@code subject_plan}). SQL only: it selects facts, it decides nothing
 * ({@link org.charte.marketing.AudienceRule} does); its dates come from the rule objects through
 * {@link Question}.
 */
@Repository
class JdbcAudience {

    /** The facts derived from one person's contacts. */
    record Facts(UUID subjectId, boolean hasEmail, boolean hasPhone, boolean hasAddress, String zones, Set<String> emailHashes,
            Set<String> phoneHashes, Set<String> regions) {}

    /**
     * One audience question: the channel, purpose and segment, the instant, its Paris day, L4's
     * cutoff ({@link org.charte.marketing.FormerClientMarketing#cutoff}) and, for the phone, the
     * first instants from which attempts and refusals count ({@link PhoneCallRules}).
     */
    record Question(MarketingChannel channel, String purpose, Segment segment, Instant at, LocalDate day, LocalDate formerClientCutoff,
            Instant attemptsFrom, Instant refusalsFrom) {}

    static final String EMAIL = "email";
    static final String PHONE = "phone";
    private static final int FETCH_SIZE = 2_000;
    /** A person's latest capacity in their history (its parameter: the person). */
    private static final String LATEST_CAPACITY =
            "SELECT c.capacity FROM marketing_capacity c WHERE c.subject_id = ? ORDER BY c.recorded_at DESC, c.id DESC FETCH FIRST 1 ROW ONLY";

    /** The facts' columns, in the order {@link #groups} and {@link #each} read them. */
    static final List<String> COLUMNS = List.of("status", "capacity", "kind", "flags", "zones", "attempts");

    /** The yes-or-no facts, one bit each of the {@code flags} column (few grouping keys keep the grouping one hash table). */
    enum Flag {
        DECEASED, RESTRICTED, HELD, EXPIRED, REACHABLE, SUPPRESSED, OTHER_HOURS, REFUSED;

        int bit() {
            return 1 << ordinal();
        }

        boolean in(int flags) {
            return (flags & bit()) != 0;
        }
    }

    /**
     * PostgreSQL's memory for the audience's hash joins and grouping, for its transaction only
     * ({@code SET LOCAL}): with the default 4 MB, joining a million people's facts spills each hash
     * table to disk in batches.
     */
    static final String WORK_MEM = "64MB";

    /**
     * PostgreSQL's cost of passing one row from a parallel worker to the leader, for the grouped
     * count's transaction only (the default is 0.1): a tenth, so that the joins over the segment run
     * in parallel workers and the leader groups their rows (a million people, 2 cores: the leader's
     * CPU, the count's critical path, about halves, for about a fifth more CPU in all than the same
     * query on one core; bench/RESULTS.md, 2026-12-04).
     */
    static final String PARALLEL_TUPLE_COST = "0.01";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final DataSource dataSource;
    private volatile @Nullable Boolean postgresql;

    JdbcAudience(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(template);
    }

    /**
     * On PostgreSQL, for the caller's transaction only ({@code SET LOCAL}): the memory of
     * {@link #WORK_MEM}; no JIT compilation (measured on a million people: compiling the query's
     * expressions, again in each parallel worker, costs more than it saves); and for the grouped
     * count ({@code grouping}) no sort and the cheaper transfer of {@link #PARALLEL_TUPLE_COST}. The
     * planner cannot tell that a million people share a few hundred combinations of facts: it
     * estimates a million groups, would sort them all on disk rather than hash them (a hash aggregate
     * spills by itself if ever it must), and keeps the joins over the million people on one core
     * rather than pass their rows from parallel workers to the grouping. Nothing elsewhere.
     */
    private void workMemory(boolean grouping) {
        Boolean pg = postgresql;
        if (pg == null) {
            try {
                pg = Databases.postgres(dataSource, "the audience");
            } catch (IllegalStateException e) {
                pg = false;
            }
            postgresql = pg;
        }
        if (pg) {
            jdbc.sql("SET LOCAL work_mem = '" + WORK_MEM + "'").update();
            jdbc.sql("SET LOCAL jit = off").update();
            jdbc.sql("SET LOCAL enable_sort = " + (grouping ? "off" : "on")).update();
            if (grouping) {
                jdbc.sql("SET LOCAL parallel_tuple_cost = " + PARALLEL_TUPLE_COST).update();
            }
        }
    }

    /** Replaces the person's facts, in the caller's transaction. */
    void replace(Facts facts, Instant at) {
        UUID id = facts.subjectId();
        jdbc.sql("DELETE FROM marketing_audience_hash WHERE subject_id = ?").param(id).update();
        jdbc.sql("DELETE FROM marketing_audience_region WHERE subject_id = ?").param(id).update();
        int updated = jdbc.sql("UPDATE marketing_audience SET has_email = ?, has_phone = ?, has_address = ?, call_zones = ?, updated_at = ? "
                        + "WHERE subject_id = ?")
                .params(facts.hasEmail(), facts.hasPhone(), facts.hasAddress(), facts.zones(), at.atOffset(ZoneOffset.UTC), id).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO marketing_audience (subject_id, has_email, has_phone, has_address, call_zones, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(id, facts.hasEmail(), facts.hasPhone(), facts.hasAddress(), facts.zones(), at.atOffset(ZoneOffset.UTC)).update();
        }
        for (String hash : facts.emailHashes()) {
            jdbc.sql("INSERT INTO marketing_audience_hash (subject_id, kind, address_hash) VALUES (?, ?, ?)").params(id, EMAIL, hash).update();
        }
        for (String hash : facts.phoneHashes()) {
            jdbc.sql("INSERT INTO marketing_audience_hash (subject_id, kind, address_hash) VALUES (?, ?, ?)").params(id, PHONE, hash).update();
        }
        for (String region : facts.regions()) {
            jdbc.sql("INSERT INTO marketing_audience_region (subject_id, region) VALUES (?, ?)").params(id, region).update();
        }
    }

    /**
     * Sets the person's current capacity among their facts from their capacity history (its latest
     * entry by time then id, as {@code marketing_capacity_current} and {@link BasisHistory#capacities}
     * order it), in the caller's transaction, the one that appended to the history. A person without
     * facts yet gets a row without contacts, which is what no row meant; {@link #replace} keeps it.
     */
    void capacity(UUID subjectId, Instant at) {
        int updated = jdbc.sql("UPDATE marketing_audience SET capacity = (" + LATEST_CAPACITY + ") WHERE subject_id = ?")
                .params(subjectId, subjectId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO marketing_audience (subject_id, has_email, has_phone, has_address, call_zones, updated_at, capacity) "
                    + "VALUES (?, FALSE, FALSE, FALSE, '', ?, (" + LATEST_CAPACITY + "))").params(subjectId, at.atOffset(ZoneOffset.UTC), subjectId)
                    .update();
        }
    }

    /** These people's facts, once they are erased. */
    int deleteSubjects(Collection<UUID> subjectIds) {
        List<UUID> ids = List.copyOf(subjectIds);
        int n = jdbc.sql("DELETE FROM marketing_audience_hash WHERE subject_id IN (:ids)").param("ids", ids).update();
        n += jdbc.sql("DELETE FROM marketing_audience_region WHERE subject_id IN (:ids)").param("ids", ids).update();
        n += jdbc.sql("DELETE FROM marketing_audience_backfill WHERE subject_id IN (:ids)").param("ids", ids).update();
        return n + jdbc.sql("DELETE FROM marketing_audience WHERE subject_id IN (:ids)").param("ids", ids).update();
    }

    /** People recorded before V32 whose facts are still to be derived, a batch at a time. */
    List<UUID> pendingBackfill(int limit) {
        return jdbc.sql("SELECT subject_id FROM marketing_audience_backfill ORDER BY subject_id LIMIT :limit").param("limit", limit)
                .query(UUID.class).list();
    }

    void backfilled(Collection<UUID> subjectIds) {
        jdbc.sql("DELETE FROM marketing_audience_backfill WHERE subject_id IN (:ids)").param("ids", List.copyOf(subjectIds)).update();
    }

    /** People per region; those without facts (no contacts recorded) under {@code unknown}. */
    Map<String, Long> peopleByRegion(String unknown) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT region, COUNT(*) FROM marketing_audience_region GROUP BY region ORDER BY region")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        long without = jdbc.sql("SELECT COUNT(*) FROM subject_lifecycle s WHERE NOT EXISTS "
                + "(SELECT 1 FROM marketing_audience_region r WHERE r.subject_id = s.subject_id)").query(Long.class).single();
        if (without > 0) {
            counts.merge(unknown, without, Long::sum);
        }
        return counts;
    }

    /** The facts of the segment's people grouped, with how many share each: {@code n} after {@link #COLUMNS}. */
    void groups(Question question, RowCallbackHandler group) {
        workMemory(true);
        MapSqlParameterSource params = new MapSqlParameterSource();
        String columns = String.join(", ", COLUMNS);
        streaming.query("SELECT " + columns + ", COUNT(*) AS n FROM (" + facts(question, params, false) + ") t GROUP BY " + columns,
                params, group);
    }

    /** The facts of each of the segment's people, streamed: {@code subject_id} after {@link #COLUMNS}. */
    void each(Question question, RowCallbackHandler person) {
        workMemory(false);
        MapSqlParameterSource params = new MapSqlParameterSource();
        streaming.query(facts(question, params, true), params, person);
    }


    private static String bit(Flag flag, String condition) {
        return "CASE WHEN " + condition + " THEN " + flag.bit() + " ELSE 0 END";
    }

    /**
     * The facts query: one row per person of the segment. Everyone's rows (their status, their
     * facts with their current capacity, their current basis for the channel and purpose) are joined
     * once each; the facts that concern few people (a death, a restriction, a hold, an obligation,
     * the archive, a suppressed address and, for the phone, other-times consents and the calls of the
     * last 60 days) are gathered first into ONE row per person concerned ({@code e}: each source a
     * 0/1 column, their maximum, summed into their bits of {@link Flag}; the attempts summed) and
     * joined once: a single hash join over the segment instead of one per source, which is what a
     * million people cost.
     */
    static String facts(Question q, MapSqlParameterSource params, boolean withId) {
        MarketingChannel channel = q.channel();
        boolean phone = channel == MarketingChannel.PHONE;
        String hashKind = switch (channel) {
            case EMAIL -> EMAIL;
            case SMS, PHONE -> PHONE;
            case POST -> null;
        };
        String reachable = switch (channel) {
            case EMAIL -> "f.has_email";
            case SMS, PHONE -> "f.has_phone";
            case POST -> "f.has_address";
        };
        params.addValue("channel", channel.name()).addValue("purpose", q.purpose()).addValue("day", q.day())
                .addValue("cutoff", q.formerClientCutoff()).addValue("formerClient", SubjectStatus.CLIENT_INACTIVE.name());
        StringBuilder sql = new StringBuilder("SELECT ");
        if (withId) {
            sql.append("s.subject_id, ");
        }
        sql.append("s.status AS status, COALESCE(f.capacity, 'CONSUMER') AS capacity, b.kind AS kind, COALESCE(e.flags, 0) + ")
                .append(bit(Flag.EXPIRED, "s.status = :formerClient AND s.last_contact_on < :cutoff "
                        + "AND (s.contract_ended_on IS NULL OR s.contract_ended_on < :cutoff)")).append(" + ")
                .append(bit(Flag.REACHABLE, reachable));
        if (phone) {
            sql.append(" AS flags, COALESCE(f.call_zones, '') AS zones, ")
                    .append("LEAST(COALESCE(e.attempts, 0), ").append(PhoneCallRules.MAX_ATTEMPTS).append(") AS attempts");
        } else {
            sql.append(" AS flags, '' AS zones, 0 AS attempts");
        }
        // the few: one row per source and person (deceased, restricted, held, suppressed, other_hours, refused, attempts)
        StringBuilder few = new StringBuilder("""
                SELECT subject_id, 1 AS deceased, 0 AS restricted, 0 AS held, 0 AS suppressed, 0 AS other_hours, 0 AS refused,
                       0 AS attempts FROM deceased_subject
                UNION ALL SELECT subject_id, 0, 1, 0, 0, 0, 0, 0 FROM restricted_subject
                UNION ALL SELECT subject_id, 0, 0, 1, 0, 0, 0, 0 FROM held_subject WHERE ends_on IS NULL OR ends_on >= :day
                UNION ALL SELECT subject_id, 0, 0, 1, 0, 0, 0, 0 FROM obligation_kept_subject
                UNION ALL SELECT subject_id, 0, 0, 1, 0, 0, 0, 0 FROM archived_subject WHERE keep_until >= :day
                """);
        if (hashKind != null) {
            params.addValue("hashKind", hashKind);
            few.append("""
                    UNION ALL SELECT ah.subject_id, 0, 0, 0, 1, 0, 0, 0 FROM marketing_audience_hash ah
                              JOIN marketing_suppression ms ON ms.address_hash = ah.address_hash
                              WHERE ah.kind = :hashKind AND ms.channel = :channel AND ms.purpose = :purpose AND ms.expires_on >= :day
                    """);
        }
        if (phone) {
            // refusals count for 60 days, attempts for 30: the calls of the longer period, each counted where it counts
            params.addValue("at", q.at().atOffset(ZoneOffset.UTC)).addValue("attemptsFrom", q.attemptsFrom().atOffset(ZoneOffset.UTC))
                    .addValue("refusalsFrom", q.refusalsFrom().atOffset(ZoneOffset.UTC)).addValue("refused", CallOutcome.REFUSED.name())
                    .addValue("callsFrom", (q.attemptsFrom().isBefore(q.refusalsFrom()) ? q.attemptsFrom() : q.refusalsFrom()).atOffset(ZoneOffset.UTC));
            few.append("""
                    UNION ALL SELECT subject_id, 0, 0, 0, 0, 1, 0, 0 FROM marketing_call_hours_current WHERE consented = TRUE
                    UNION ALL SELECT subject_id, 0, 0, 0, 0, 0,
                              CASE WHEN outcome = :refused AND called_at >= :refusalsFrom THEN 1 ELSE 0 END,
                              CASE WHEN called_at >= :attemptsFrom THEN 1 ELSE 0 END
                              FROM marketing_call WHERE called_at >= :callsFrom AND called_at <= :at
                    """);
        }
        sql.append("""
                 FROM subject_lifecycle s
                 LEFT JOIN marketing_audience f ON f.subject_id = s.subject_id
                 LEFT JOIN marketing_basis_current b ON b.subject_id = s.subject_id AND b.channel = :channel AND b.purpose = :purpose
                 LEFT JOIN (SELECT subject_id, %d * MAX(deceased) + %d * MAX(restricted) + %d * MAX(held) + %d * MAX(suppressed)
                            + %d * MAX(other_hours) + %d * MAX(refused) AS flags, SUM(attempts) AS attempts FROM (
                """.formatted(Flag.DECEASED.bit(), Flag.RESTRICTED.bit(), Flag.HELD.bit(), Flag.SUPPRESSED.bit(), Flag.OTHER_HOURS.bit(),
                Flag.REFUSED.bit())).append(few).append("""
                            ) u GROUP BY subject_id) e ON e.subject_id = s.subject_id
                """);
        sql.append(" WHERE 1 = 1");
        Segment segment = q.segment();
        if (!segment.statuses().isEmpty()) {
            sql.append(" AND s.status IN (:statuses)");
            params.addValue("statuses", segment.statuses().stream().map(Enum::name).sorted().toList());
        }
        if (!segment.plans().isEmpty()) {
            sql.append(" AND s.subject_id IN (SELECT subject_id FROM subject_plan WHERE plan_code IN (:plans))");
            params.addValue("plans", segment.plans().stream().sorted().toList());
        }
        if (!segment.regions().isEmpty()) {
            sql.append(" AND (s.subject_id IN (SELECT subject_id FROM marketing_audience_region WHERE region IN (:regions))");
            if (segment.regions().contains(FrenchRegions.UNKNOWN)) {
                sql.append(" OR NOT EXISTS (SELECT 1 FROM marketing_audience_region u WHERE u.subject_id = s.subject_id)");
            }
            sql.append(")");
            params.addValue("regions", segment.regions().stream().sorted().toList());
        }
        if (segment.capacity() != null) {
            sql.append(" AND COALESCE(f.capacity, 'CONSUMER') = :capacity");
            params.addValue("capacity", segment.capacity().name());
        }
        if (segment.lastContactFrom() != null) {
            sql.append(" AND s.last_contact_on >= :lastContactFrom");
            params.addValue("lastContactFrom", segment.lastContactFrom());
        }
        if (segment.lastContactTo() != null) {
            sql.append(" AND s.last_contact_on <= :lastContactTo");
            params.addValue("lastContactTo", segment.lastContactTo());
        }
        return sql.toString();
    }
}
