package org.charte.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.retention.LegalHolds;
import org.charte.retention.RetentionRuns.HeldItem;
import org.charte.retention.RetentionRuns.Proof;
import org.charte.retention.RetentionRuns.RuleCounts;
import org.charte.retention.RetentionRuns.Status;
import org.charte.retention.RetentionRuns.Trigger;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of the run log: {@code retention_run}, {@code retention_run_count}, {@code erasure_proof}
 * and {@code retention_run_held}, for the runs and for one person's erasure alike. SQL and row
 * mapping only; writes join the caller's transaction. Ids, codes, counts and keyed hashes only.
 */
@Repository
class JdbcRunLog {

    /** Rows per multi-row INSERT of proofs (7 parameters each) and of held items (9 each): a few statements per batch, not one per row. */
    static final int PER_INSERT = 250;
    private static final int PROOF_COLUMNS = 7;
    private static final int HELD_COLUMNS = 9;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    JdbcRunLog(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A run as stored, without its counts. */
    record RunRow(UUID id, LocalDate asOf, boolean dryRun, Trigger trigger, Status status, Instant startedAt, @Nullable Instant finishedAt) {}

    /** A proof to write: the hash is the erased id's keyed hash, never the id. */
    record ProofRow(UUID id, UUID runId, String ruleId, String recordType, String recordHash, LocalDate asOf, OffsetDateTime erasedAt) {}

    void insertRun(UUID id, LocalDate asOf, boolean dryRun, Trigger trigger, int batchSize, UUID policyVersionId, OffsetDateTime startedAt) {
        jdbc.sql("""
                INSERT INTO retention_run (id, as_of, dry_run, run_trigger, status, batch_size, policy_version_id, started_at, heartbeat_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, asOf, dryRun, trigger.name(), Status.RUNNING.name(), batchSize, policyVersionId, startedAt, startedAt)
                .update();
    }

    void insertCount(UUID runId, String ruleId, int position, long due) {
        jdbc.sql("""
                INSERT INTO retention_run_count (run_id, rule_id, position, due, erased, records, archived, held, skipped)
                VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0)""").params(runId, ruleId, position, due).update();
    }

    void addCounts(UUID runId, String ruleId, long erased, long records, long archived, long held, long skipped) {
        jdbc.sql("""
                UPDATE retention_run_count SET erased = erased + ?, records = records + ?, archived = archived + ?, held = held + ?,
                    skipped = skipped + ? WHERE run_id = ? AND rule_id = ?""")
                .params(erased, records, archived, held, skipped, runId, ruleId)
                .update();
    }

    void heartbeat(UUID runId, OffsetDateTime at) {
        jdbc.sql("UPDATE retention_run SET heartbeat_at = ? WHERE id = ?").params(at, runId).update();
    }

    void finish(UUID runId, Status status, OffsetDateTime at, @Nullable String failure) {
        jdbc.sql("UPDATE retention_run SET status = ?, finished_at = ?, failure = ? WHERE id = ?").params(status.name(), at, failure, runId).update();
    }

    /** Marks INTERRUPTED (failure {@code stale}) the runs still RUNNING whose heartbeat is older than {@code heartbeatBefore}. */
    void interruptSilent(OffsetDateTime at, OffsetDateTime heartbeatBefore) {
        jdbc.sql("UPDATE retention_run SET status = ?, finished_at = ?, failure = ? WHERE status = ? AND heartbeat_at < ?")
                .params(Status.INTERRUPTED.name(), at, "stale", Status.RUNNING.name(), heartbeatBefore).update();
    }

    /** Marks INTERRUPTED (failure {@code stale}) every run that erases still RUNNING. */
    void interruptErasing(OffsetDateTime at) {
        jdbc.sql("UPDATE retention_run SET status = ?, finished_at = ?, failure = ? WHERE status = ? AND dry_run = FALSE")
                .params(Status.INTERRUPTED.name(), at, "stale", Status.RUNNING.name()).update();
    }

    void insertProofs(List<ProofRow> proofs) {
        List<Object> values = new ArrayList<>(Math.min(proofs.size(), PER_INSERT) * PROOF_COLUMNS);
        for (int i = 0; i < proofs.size(); i++) {
            ProofRow p = proofs.get(i);
            values.addAll(List.of(p.id(), p.runId(), p.ruleId(), p.recordType(), p.recordHash(), p.asOf(), p.erasedAt()));
            if (values.size() == PER_INSERT * PROOF_COLUMNS || i == proofs.size() - 1) {
                batch.update("INSERT INTO erasure_proof (id, run_id, rule_id, record_type, record_hash, as_of, erased_at) VALUES "
                        + String.join(", ", Collections.nCopies(values.size() / PROOF_COLUMNS, "(?, ?, ?, ?, ?, ?, ?)")), values.toArray());
                values.clear();
            }
        }
    }

    /** Stores what holds kept in a run; call inside the transaction that writes the run's counts. */
    void insertHeld(UUID runId, List<HeldItem> items) {
        List<Object> values = new ArrayList<>(Math.min(items.size(), PER_INSERT) * HELD_COLUMNS);
        for (int i = 0; i < items.size(); i++) {
            HeldItem item = items.get(i);
            values.addAll(Arrays.asList(runId, item.ruleId(), item.recordType(), item.recordId(), item.subjectId(), item.holdId(),
                    item.kind().code(), item.reasonCode(), item.endsOn()));
            if (values.size() == PER_INSERT * HELD_COLUMNS || i == items.size() - 1) {
                batch.update("INSERT INTO retention_run_held (run_id, rule_id, record_type, record_id, subject_id, hold_id, kind, reason_code, ends_on)"
                        + " VALUES " + String.join(", ", Collections.nCopies(values.size() / HELD_COLUMNS, "(?, ?, ?, ?, ?, ?, ?, ?, ?)")),
                        values.toArray());
                values.clear();
            }
        }
    }

    private static final String RUN = "SELECT id, as_of, dry_run, run_trigger, status, started_at, finished_at FROM retention_run";

    Optional<RunRow> run(UUID runId) {
        return jdbc.sql(RUN + " WHERE id = ?").param(runId).query(JdbcRunLog::runRow).optional();
    }

    /** The latest runs, newest first (at most 1,000). */
    List<RunRow> recent(int limit) {
        return jdbc.sql(RUN + " ORDER BY started_at DESC, id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY")
                .query(JdbcRunLog::runRow).list();
    }

    private static RunRow runRow(ResultSet rs, int n) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new RunRow(rs.getObject("id", UUID.class), rs.getObject("as_of", LocalDate.class), rs.getBoolean("dry_run"),
                Trigger.valueOf(rs.getString("run_trigger")), Status.valueOf(rs.getString("status")),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant());
    }

    /** A run's counts per rule, in the run's order. */
    List<RuleCounts> counts(UUID runId) {
        return jdbc.sql("""
                SELECT rule_id, due, erased, records, archived, held, skipped FROM retention_run_count WHERE run_id = ? ORDER BY position""")
                .param(runId)
                .query((rs, n) -> new RuleCounts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7)))
                .list();
    }

    /** A run's proofs, in order: the first {@code limit}. */
    List<Proof> proofs(UUID runId, int limit) {
        return jdbc.sql("""
                SELECT id, run_id, rule_id, record_type, record_hash, as_of, erased_at FROM erasure_proof WHERE run_id = ?
                ORDER BY id FETCH FIRST\s""" + Math.max(1, limit) + " ROWS ONLY")
                .param(runId)
                .query((rs, n) -> new Proof(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The first {@code limit} items a run's holds kept, by rule, record and hold. */
    List<HeldItem> held(UUID runId, int limit) {
        return jdbc.sql("""
                SELECT rule_id, record_type, record_id, subject_id, hold_id, kind, reason_code, ends_on FROM retention_run_held WHERE run_id = ?
                ORDER BY rule_id, record_id, hold_id FETCH FIRST\s""" + Math.max(1, Math.min(limit, 100_000)) + " ROWS ONLY")
                .param(runId)
                .query((rs, n) -> new HeldItem(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                        rs.getObject(5, UUID.class), LegalHolds.Kind.ofCode(rs.getString(6)).orElseThrow(), rs.getString(7),
                        rs.getObject(8, LocalDate.class)))
                .list();
    }
}
