package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.charte.retention.LegalHolds;
import org.charte.retention.RetentionRuns.HeldItem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What legal holds kept, per run, in {@code retention_run_held} (R5.6): written inside the batch's
 * transaction (multi-row INSERTs, like the proofs), read a page at a time. Ids and codes only.
 */
@Component
class RunHeldItems {

    /** Rows per multi-row INSERT (9 parameters each). */
    static final int PER_INSERT = 250;
    private static final int COLUMNS = 9;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    RunHeldItems(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Stores what holds kept in a run; call inside the transaction that writes the run's counts. */
    void store(UUID runId, List<HeldItem> items) {
        List<Object> values = new ArrayList<>(Math.min(items.size(), PER_INSERT) * COLUMNS);
        for (int i = 0; i < items.size(); i++) {
            HeldItem item = items.get(i);
            values.addAll(java.util.Arrays.asList(runId, item.ruleId(), item.recordType(), item.recordId(), item.subjectId(), item.holdId(),
                    item.kind().code(), item.reasonCode(), item.endsOn()));
            if (values.size() == PER_INSERT * COLUMNS || i == items.size() - 1) {
                int rows = values.size() / COLUMNS;
                batch.update("INSERT INTO retention_run_held (run_id, rule_id, record_type, record_id, subject_id, hold_id, kind, reason_code, ends_on)"
                        + " VALUES " + String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, ?, ?, ?)")), values.toArray());
                values.clear();
            }
        }
    }

    /** The first {@code limit} items a run's holds kept, by rule, record and hold. */
    List<HeldItem> page(UUID runId, int limit) {
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
