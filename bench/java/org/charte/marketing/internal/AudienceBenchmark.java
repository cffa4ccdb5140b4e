package org.charte.marketing.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.charte.bench.BenchDatabase;
import org.charte.common.Zones;
import org.charte.marketing.Audience;
import org.charte.marketing.CampaignAudiences;
import org.charte.marketing.Segment;
import org.charte.policy.MarketingChannel;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run audience}: a campaign's dry run over N people (1,000,000 by default) with 3 consent
 * and objection rows each on average (3,000,000), their audience facts, capacities, restrictions,
 * holds, deaths, obligations, subscriptions, calls and a suppression list, all bulk-inserted with
 * SQL (the set-up is not measured). Then, in the same run, {@link CampaignAudiences#count} (the
 * grouped query and the Java decision per group) for an e-mail and a phone campaign, beside ONE
 * plain SQL count of the e-mail campaign's eligible people over the same joins, the rule written in
 * SQL. Medians of several runs; the ratio is the plain count's time over Charte's (its share of the
 * plain SQL's speed). See bench/README.md.
 *
 * <pre>AudienceBenchmark --pg-url=jdbc:postgresql://HOST:PORT/postgres?user=postgres [--subjects=1000000] [--runs=7]
 *     [--deadline=3600] [--result=FILE.json] [--keep=true]</pre>
 * ({@code --keep=true}: the database is left on the cluster, to be explained by hand; only with a cluster of one's own, CHARTE_TEST_PG_URL.)
 */
public class AudienceBenchmark {

    record Options(String adminUrl, int subjects, int runs, int deadlineSeconds, Path result, boolean keep) {}

    static final String[] PURPOSES = {"newsletters", "loyalty-prospecting", "satisfaction-surveys", "customer-reviews"};
    static final String[] CHANNELS = {"EMAIL", "SMS", "PHONE", "POST"};
    /** A Tuesday at 10:30 in Paris, after the phone opt-in: every rule in play. */
    static final Instant AT = LocalDateTime.of(2027, 3, 30, 10, 30).atZone(Zones.PARIS).toInstant();

    /** A fifth of the people have a capacity recorded (once), half of them professionals. */
    static final String CAPACITY = "CASE WHEN i % 5 = 0 THEN CASE WHEN r3 < 0.5 THEN 'PROFESSIONAL' ELSE 'CONSUMER' END END";

    /** The baseline's eligibility for e-mail, written in SQL over the same facts (what AudienceRule and SolicitationBasis decide). */
    static final String PLAIN_ELIGIBLE = "flags = 16 "
            + "AND (kind = 'CONSENT' OR (kind = 'ANALOGOUS_OFFERS' AND status <> 'PROSPECT') OR (kind = 'JOB_RELATED' AND capacity = 'PROFESSIONAL'))";

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    AudienceBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("AudienceBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("AudienceBenchmark", options.deadlineSeconds(), new AudienceBenchmark(options)::run);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        String user = BenchDatabase.user(admin);
        report.put("postgresql", BenchDatabase.settings(admin));
        report.put("subjects", options.subjects());
        String name = BenchDatabase.newName("charte_bench_audience_");
        BenchDatabase.execute(admin, "CREATE DATABASE " + name);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        String url = BenchDatabase.url(admin, name);
        try (ConfigurableApplicationContext context = BenchDatabase.start(url, user, dataDir)) {
            try (Connection c = DriverManager.getConnection(url)) {
                populate(c);
            }
            measure(context);
            if (options.result() != null) {
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
            }
            return 0;
        } finally {
            BenchDatabase.deleteTree(dataDir);
            if (options.keep()) {
                System.out.println("Database " + name + " kept (--keep), for EXPLAIN by hand; drop it when done");
            } else {
                BenchDatabase.dropQuietly(admin, name);
            }
        }
    }

    /** Everything the audience reads, bulk-inserted in PostgreSQL itself from generate_series (deterministic: setseed). */
    private void populate(Connection c) throws Exception {
        int n = options.subjects();
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "Writing %,d people, ~%,d consent and objection rows and their facts with SQL%n", n, 3L * n);
        String policy;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM policy_version ORDER BY id LIMIT 1")) {
            rs.next();
            policy = rs.getString(1);
        }
        List<String> steps = List.of(
                "SELECT setseed(0.42)",
                "CREATE TEMPORARY TABLE p AS SELECT gen_random_uuid() AS id, g AS i, random() AS r1, random() AS r2, random() AS r3 "
                        + "FROM generate_series(1, " + n + ") g",
                // 60% prospects, 30% active clients, 10% former clients (a third of them past L4's 3 years)
                "INSERT INTO data_subject (id, status, created_at, last_contact_on, contract_ended_on, policy_version_id, identity) "
                        + "SELECT id, CASE WHEN r1 < 0.6 THEN 'PROSPECT' WHEN r1 < 0.9 THEN 'CLIENT_ACTIVE' ELSE 'CLIENT_INACTIVE' END, now(), "
                        + "DATE '2027-03-01' - (r2 * 1800)::int, CASE WHEN r1 >= 0.9 THEN DATE '2027-03-01' - (r3 * 1800)::int END, "
                        + "'" + policy + "', '\\x00'::bytea FROM p",
                // with the current capacity of the history written below (V51: the application keeps it there when it records one)
                "INSERT INTO marketing_audience (subject_id, has_email, has_phone, has_address, call_zones, updated_at, capacity) "
                        + "SELECT id, r2 < 0.9, r3 < 0.7, r1 < 0.8 OR r2 > 0.5, CASE WHEN i % 50 = 0 THEN 'Indian/Reunion' ELSE 'Europe/Paris' END, now(), "
                        + CAPACITY + " FROM p",
                "INSERT INTO marketing_audience_hash (subject_id, kind, address_hash) SELECT id, 'email', encode(sha256(('e' || id)::bytea), 'hex') "
                        + "FROM p WHERE r2 < 0.9",
                "INSERT INTO marketing_audience_hash (subject_id, kind, address_hash) SELECT id, 'phone', encode(sha256(('p' || id)::bytea), 'hex') "
                        + "FROM p WHERE r3 < 0.7",
                "INSERT INTO marketing_audience_region (subject_id, region) SELECT id, (ARRAY['FR-ARA','FR-BFC','FR-BRE','FR-CVL','FR-20R','FR-GES',"
                        + "'FR-HDF','FR-IDF','FR-NOR','FR-NAQ','FR-OCC','FR-PDL','FR-PAC','FR-RE','unknown'])[1 + i % 15] FROM p",
                // 3 rows per person on average among 16 channel x purpose pairs: 60% consents, 15% objections, 10% withdrawals, 15% other bases
                "CREATE TEMPORARY TABLE b AS SELECT DISTINCT ON (p.id, k.channel, k.purpose) p.id AS subject_id, k.channel, k.purpose, "
                        + "CASE WHEN k.r < 0.6 THEN 'CONSENT' WHEN k.r < 0.75 THEN 'OBJECTION' WHEN k.r < 0.85 THEN 'CONSENT_WITHDRAWN' "
                        + "WHEN k.r < 0.93 THEN 'ANALOGOUS_OFFERS' ELSE 'JOB_RELATED' END AS kind "
                        + "FROM p CROSS JOIN LATERAL (SELECT (ARRAY['EMAIL','SMS','PHONE','POST'])[1 + (floor(random() * 4))::int] AS channel, "
                        + "(ARRAY['newsletters','loyalty-prospecting','satisfaction-surveys','customer-reviews'])[1 + (floor(random() * 4))::int] AS purpose, "
                        + "random() AS r FROM generate_series(1, 3 + (p.i % 2))) k",
                "ALTER TABLE b ADD COLUMN basis_id UUID",
                "UPDATE b SET basis_id = gen_random_uuid()",
                "INSERT INTO marketing_basis (id, subject_id, channel, purpose, kind, collected_by, wording, recorded_at, recorded_on, recorded_by) "
                        + "SELECT basis_id, subject_id, channel, purpose, kind, 'FORM', 'bench-v1', now(), DATE '2026-09-01', 'system' FROM b",
                "INSERT INTO marketing_basis_current (subject_id, channel, purpose, basis_id, kind, recorded_on) "
                        + "SELECT subject_id, channel, purpose, basis_id, kind, DATE '2026-09-01' FROM b",
                "INSERT INTO marketing_capacity (id, subject_id, capacity, recorded_at, recorded_by) "
                        + "SELECT gen_random_uuid(), id, " + CAPACITY + ", now(), 'system' FROM p WHERE i % 5 = 0",
                // the suppression list: 3% of the people's e-mails and phones, and as many hashes of people erased since
                "INSERT INTO marketing_suppression (address_hash, channel, purpose, objected_on, expires_on) "
                        + "SELECT encode(sha256(('e' || id)::bytea), 'hex'), 'EMAIL', 'newsletters', DATE '2026-01-01', DATE '2029-01-01' FROM p "
                        + "WHERE r2 < 0.9 AND i % 33 = 0",
                "INSERT INTO marketing_suppression (address_hash, channel, purpose, objected_on, expires_on) "
                        + "SELECT encode(sha256(('p' || id)::bytea), 'hex'), 'PHONE', 'loyalty-prospecting', DATE '2026-01-01', DATE '2029-01-01' FROM p "
                        + "WHERE r3 < 0.7 AND i % 33 = 0",
                "INSERT INTO marketing_suppression (address_hash, channel, purpose, objected_on, expires_on) "
                        + "SELECT encode(sha256(('gone' || g)::bytea), 'hex'), 'EMAIL', 'newsletters', DATE '2026-01-01', DATE '2029-01-01' "
                        + "FROM generate_series(1, " + Math.max(1, n / 33) + ") g",
                "INSERT INTO processing_restriction (id, subject_id, reason, restricted_at, restricted_by, lifted_at) "
                        + "SELECT gen_random_uuid(), id, 'NOT_STATED', now(), 'system', CASE WHEN i % 400 = 0 THEN now() END FROM p WHERE i % 200 = 0",
                "INSERT INTO death_notification (subject_id, died_on, source, notified_at, recorded_by) "
                        + "SELECT id, DATE '2026-10-01', 'FAMILY', now(), 'system' FROM p WHERE i % 500 = 7",
                "INSERT INTO legal_hold (id, kind, subject_id, reason_code, placed_on, ends_on, placed_at, placed_by, released_at) "
                        + "SELECT gen_random_uuid(), 'LITIGATION', id, 'bench', DATE '2026-01-01', CASE WHEN i % 3 = 0 THEN DATE '2027-01-01' END, now(), "
                        + "'system', CASE WHEN i % 5 = 0 THEN now() END FROM p WHERE i % 200 = 11",
                "INSERT INTO kept_for_obligation (subject_id, purposes, reason, since, set_by) "
                        + "SELECT id, 'accounting', 'legal-hold', now(), 'system' FROM p WHERE i % 500 = 13",
                "INSERT INTO subscription (id, subject_id, plan_code, subscribed_on, starts_on, ends_on, created_at) "
                        + "SELECT gen_random_uuid(), id, (ARRAY['GESTAN-CLOUD-ESSENTIEL','GESTAN-CLOUD-PRO','GESTAN-CLOUD-SAUVEGARDE'])[1 + i % 3], "
                        + "DATE '2024-01-01', DATE '2024-01-01', NULL, now() FROM p WHERE r1 >= 0.6",
                // calls: a few per person called within the last weeks, some refused
                "INSERT INTO marketing_call (id, subject_id, purpose, called_at, outcome, recorded_at, recorded_by) "
                        + "SELECT gen_random_uuid(), id, 'loyalty-prospecting', TIMESTAMPTZ '2027-03-30 08:00:00+00' - (g * 5 + i % 5) * INTERVAL '1 day', "
                        + "CASE WHEN g = 1 AND i % 7 = 0 THEN 'REFUSED' ELSE 'NO_ANSWER' END, now(), 'system' "
                        + "FROM p CROSS JOIN generate_series(1, 1 + i % 5) g WHERE i % 10 = 3",
                "INSERT INTO marketing_call_hours (id, subject_id, consented, means, recorded_at, recorded_by) "
                        + "SELECT gen_random_uuid(), id, TRUE, 'PHONE', now(), 'system' FROM p WHERE i % 100 = 17",
                "DROP TABLE b", "DROP TABLE p");
        try (Statement s = c.createStatement()) {
            for (String step : steps) {
                s.execute(step);
            }
            s.execute("VACUUM ANALYZE");
            s.execute("CHECKPOINT");
        }
        long rows;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM marketing_basis_current")) {
            rs.next();
            rows = rs.getLong(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "  written in %.0f s: %,d consent and objection rows (current and history each)%n", seconds, rows);
        report.put("basisRows", rows);
        report.put("setupSeconds", seconds);
    }

    private void measure(ConfigurableApplicationContext context) {
        CampaignAudiences audiences = context.getBean(CampaignAudiences.class);
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(context.getBean(DataSource.class));
        TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        int runs = options.runs();
        MapSqlParameterSource params = new MapSqlParameterSource();
        String facts = JdbcAudience.facts(AudienceService.question(MarketingChannel.EMAIL, "newsletters", Segment.everyone(), AT), params, false);
        // The baseline: one plain aggregate over the same joins, every joined column used (so that none is optimised away), no grouping, no Java
        String plain = "SELECT COUNT(*) AS n, COUNT(kind) AS kinds, SUM(flags) AS flags, "
                + "MAX(capacity) AS capacity, MAX(status) AS status FROM (" + facts + ") t";
        // A check, timed once: the e-mail eligibility written in SQL counts the same people as Charte
        String eligibleInSql = "SELECT COUNT(*) FROM (" + facts + ") t WHERE " + PLAIN_ELIGIBLE;

        Audience email = audiences.count(MarketingChannel.EMAIL, "newsletters", Segment.everyone(), AT); // warm-up
        // The baseline gets the same memory as Charte's query (JdbcAudience.WORK_MEM, for its transaction), and no JIT either
        Supplier<Long> plainRun = () -> tx.execute(status -> {
            jdbc.getJdbcTemplate().execute("SET LOCAL work_mem = '" + JdbcAudience.WORK_MEM + "'");
            jdbc.getJdbcTemplate().execute("SET LOCAL jit = off");
            return jdbc.queryForObject(plain, params, (rs, i) -> rs.getLong("n"));
        });
        long plainCount = plainRun.get();
        if (plainCount != email.targeted()) {
            throw new IllegalStateException("the plain SQL count (" + plainCount + ") differs from Charte's targeted count (" + email.targeted() + ")");
        }
        long t0 = System.nanoTime();
        long eligibleCount = tx.execute(status -> {
            jdbc.getJdbcTemplate().execute("SET LOCAL work_mem = '" + JdbcAudience.WORK_MEM + "'");
            jdbc.getJdbcTemplate().execute("SET LOCAL jit = off");
            return jdbc.queryForObject(eligibleInSql, params, Long.class);
        });
        double eligibleInSqlMs = (System.nanoTime() - t0) / 1e6;
        if (eligibleCount != email.eligible()) {
            throw new IllegalStateException("the rule written in SQL counts " + eligibleCount + " eligible, Charte " + email.eligible());
        }
        long[] charte = new long[runs];
        long[] baseline = new long[runs];
        long[] phone = new long[runs];
        Audience phoneAudience = null;
        for (int r = 0; r < runs; r++) { // interleaved, so that both see the same machine
            long t = System.nanoTime();
            email = audiences.count(MarketingChannel.EMAIL, "newsletters", Segment.everyone(), AT);
            charte[r] = System.nanoTime() - t;
            t = System.nanoTime();
            plainRun.get();
            baseline[r] = System.nanoTime() - t;
            t = System.nanoTime();
            phoneAudience = audiences.count(MarketingChannel.PHONE, "loyalty-prospecting", Segment.everyone(), AT);
            phone[r] = System.nanoTime() - t;
        }
        String columns = String.join(", ", JdbcAudience.COLUMNS);
        String grouped = "SELECT " + columns + ", COUNT(*) AS n FROM (" + facts + ") t GROUP BY " + columns;
        MapSqlParameterSource phoneParams = new MapSqlParameterSource();
        String phoneFacts = JdbcAudience.facts(AudienceService.question(MarketingChannel.PHONE, "loyalty-prospecting", Segment.everyone(), AT),
                phoneParams, false);
        String phoneGrouped = "SELECT " + columns + ", COUNT(*) AS n FROM (" + phoneFacts + ") t GROUP BY " + columns;
        Map<String, Map.Entry<String, MapSqlParameterSource>> explained = new LinkedHashMap<>();
        explained.put("grouped (Charte's, e-mail)", Map.entry(grouped, params));
        explained.put("grouped (Charte's, phone)", Map.entry(phoneGrouped, phoneParams));
        explained.put("plain aggregate", Map.entry(plain, params));
        for (Map.Entry<String, Map.Entry<String, MapSqlParameterSource>> query : explained.entrySet()) {
            System.out.println("\nEXPLAIN ANALYZE, " + query.getKey() + ":");
            tx.executeWithoutResult(status -> {
                // as the timed transactions: Charte's grouping hashed and its rows passed from parallel workers (JdbcAudience), the
                // memory of both, no JIT
                jdbc.getJdbcTemplate().execute("SET LOCAL work_mem = '" + JdbcAudience.WORK_MEM + "'");
                jdbc.getJdbcTemplate().execute("SET LOCAL jit = off");
                if (query.getKey().startsWith("grouped")) {
                    jdbc.getJdbcTemplate().execute("SET LOCAL enable_sort = off");
                    jdbc.getJdbcTemplate().execute("SET LOCAL parallel_tuple_cost = " + JdbcAudience.PARALLEL_TUPLE_COST);
                }
                jdbc.query("EXPLAIN (ANALYZE, BUFFERS) " + query.getValue().getKey(), query.getValue().getValue(),
                        (RowCallbackHandler) rs -> System.out.println("  " + rs.getString(1)));
            });
        }
        double charteMs = median(charte) / 1e6;
        double plainMs = median(baseline) / 1e6;
        double phoneMs = median(phone) / 1e6;
        double ratio = plainMs / charteMs;
        System.out.printf(Locale.ROOT, "%nE-mail campaign over %,d people: targeted %,d, eligible %,d, excluded %s%n", options.subjects(),
                email.targeted(), email.eligible(), email.excluded());
        System.out.printf(Locale.ROOT, "Phone campaign: eligible %,d, excluded %s%n", phoneAudience.eligible(), phoneAudience.excluded());
        System.out.printf(Locale.ROOT, "CampaignAudiences.count, e-mail : median %,.0f ms over %d runs (all: %s)%n", charteMs, runs, ms(charte));
        System.out.printf(Locale.ROOT, "CampaignAudiences.count, phone  : median %,.0f ms over %d runs (all: %s)%n", phoneMs, runs, ms(phone));
        System.out.printf(Locale.ROOT, "Plain SQL aggregate, same joins : median %,.0f ms over %d runs (all: %s)%n", plainMs, runs, ms(baseline));
        System.out.printf(Locale.ROOT, "(check) the e-mail rule written in SQL, one COUNT with a WHERE: same eligible count, %,.0f ms once%n",
                eligibleInSqlMs);
        System.out.printf(Locale.ROOT, "Ratio: Charte runs at %.0f%% of the plain SQL's speed (target >= 30%%); e-mail %s the 3 s target, phone %s%n",
                100 * ratio, charteMs < 3000 ? "meets" : "MISSES", phoneMs < 3000 ? "meets" : "MISSES");
        report.put("emailCountMedianMs", charteMs);
        report.put("phoneCountMedianMs", phoneMs);
        report.put("plainCountMedianMs", plainMs);
        report.put("speedRatio", ratio);
        report.put("eligibleInSqlOnceMs", eligibleInSqlMs);
        report.put("eligible", email.eligible());
        report.put("targeted", email.targeted());
        report.put("excluded", email.excluded().entrySet().stream().collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey().code(), e.getValue()),
                Map::putAll));
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static String ms(long[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v / 1e6)).toList().toString();
    }

    private static Options parse(String[] args) {
        Map<String, String> a = BenchDatabase.options(args);
        String url = a.remove("pg-url");
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--pg-url=jdbc:postgresql://HOST:PORT/postgres?user=postgres is required");
        }
        Options o = new Options(url, BenchDatabase.integer(a.remove("subjects"), 1_000_000, 1_000, 10_000_000),
                BenchDatabase.integer(a.remove("runs"), 7, 3, 101), BenchDatabase.integer(a.remove("deadline"), 3600, 30, 14_400),
                a.containsKey("result") ? Path.of(a.remove("result")) : null, "true".equals(a.remove("keep")));
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
