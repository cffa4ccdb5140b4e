package org.charte.vault.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The persons' wrapped keys as the rotation of epochs reads and rewrites them: SQL only. */
@Repository
class JdbcEpochKeys {

    private static final String COLUMNS = "SELECT subject_id, wrapped_key, master_key_id, epoch FROM subject_key ";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    JdbcEpochKeys(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * The next keys by subject id after {@code after} (null: from the start), whatever wraps them: a
     * walk of the primary key, one page at a time (a filter on the epoch here would make the
     * database scan and sort the whole table for every page).
     */
    List<JdbcVault.StoredKey> page(@Nullable UUID after, int limit) {
        var query = after == null
                ? jdbc.sql(COLUMNS + "ORDER BY subject_id LIMIT " + limit)
                : jdbc.sql(COLUMNS + "WHERE subject_id > ? ORDER BY subject_id LIMIT " + limit).param(after);
        return query.query((rs, n) -> new JdbcVault.StoredKey(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getString(3),
                rs.getObject(4, Long.class))).list();
    }

    /** A rewrapped key: its new wrapping, and the epoch it was under before (-1: the master key). */
    record Rewrapped(UUID subjectId, byte[] wrapped, long epoch, long previousEpoch) {}

    /**
     * Writes the rewrapped keys, each only if it is still wrapped as it was read (a key shredded or
     * rewrapped meanwhile is left alone).
     *
     * @return how many were written
     */
    int rewrap(List<Rewrapped> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        int[][] counts = batch.batchUpdate("UPDATE subject_key SET wrapped_key = ?, epoch = ?, master_key_id = NULL "
                + "WHERE subject_id = ? AND COALESCE(epoch, -1) = ?", keys, keys.size(), (ps, key) -> {
                    ps.setBytes(1, key.wrapped());
                    ps.setLong(2, key.epoch());
                    ps.setObject(3, key.subjectId());
                    ps.setLong(4, key.previousEpoch());
                });
        int written = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                written += count < 0 ? 1 : count; // SUCCESS_NO_INFO: the driver did not count, the row was there
            }
        }
        return written;
    }

    /** Keys per epoch; the key {@code null} counts those still wrapped by the master key. */
    Map<@Nullable Long, Long> countByEpoch() {
        Map<@Nullable Long, Long> counts = new HashMap<>();
        jdbc.sql("SELECT epoch, COUNT(*) FROM subject_key GROUP BY epoch")
                .query(rs -> {
                    counts.put(rs.getObject(1, Long.class), rs.getLong(2));
                });
        return counts;
    }

    long countUnder(long epoch) {
        return jdbc.sql("SELECT COUNT(*) FROM subject_key WHERE epoch = ?").param(epoch).query(Long.class).single();
    }
}
