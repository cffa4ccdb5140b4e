package org.charte.hosting.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Failed client sign-ins in the database (table {@code client_sign_in_attempt}, Flyway V46_1),
 * counted by {@link ClientAttempts}' rule: each failure is one conditional UPDATE (a new window
 * when the last one ran out unlocked), the fifth sets the lock. Autocommitted, outside any
 * transaction of the caller: a refusal's rollback must not undo its count.
 */
@Component
class JdbcClientAttempts {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcClientAttempts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean locked(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM client_sign_in_attempt WHERE hosted_database_id = ? AND locked_until > ?")
                .params(id, utc(clock.instant())).query(Integer.class).single() > 0;
    }

    void failed(UUID id) {
        Instant now = clock.instant();
        if (count(id, now)) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO client_sign_in_attempt (hosted_database_id, failures, first_failure_at, locked_until) VALUES (?, 1, ?, ?)")
                    .params(id, utc(now), ClientAttempts.MAX_FAILURES <= 1 ? utc(ClientAttempts.lockedUntil(now)) : null).update();
        } catch (DuplicateKeyException e) {
            count(id, now); // another node counted the first failure meanwhile
        }
    }

    /** Counts a failure on an existing row, starting a new window when the last ran out and no lock runs. */
    private boolean count(UUID id, Instant now) {
        String fresh = "(first_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?))";
        return jdbc.sql("UPDATE client_sign_in_attempt SET "
                        + "failures = CASE WHEN " + fresh + " THEN 1 ELSE failures + 1 END, "
                        + "first_failure_at = CASE WHEN " + fresh + " THEN ? ELSE first_failure_at END, "
                        + "locked_until = CASE WHEN NOT " + fresh + " AND failures + 1 >= ? THEN ? ELSE locked_until END "
                        + "WHERE hosted_database_id = ?")
                .params(utc(ClientAttempts.windowStart(now)), utc(now),
                        utc(ClientAttempts.windowStart(now)), utc(now), utc(now),
                        utc(ClientAttempts.windowStart(now)), utc(now), ClientAttempts.MAX_FAILURES, utc(ClientAttempts.lockedUntil(now)),
                        id)
                .update() == 1;
    }

    void succeeded(UUID id) {
        jdbc.sql("DELETE FROM client_sign_in_attempt WHERE hosted_database_id = ?").param(id).update();
    }

    /** Forgets the counts whose window and lock have both passed; how many. */
    int purge() {
        Instant now = clock.instant();
        return jdbc.sql("DELETE FROM client_sign_in_attempt WHERE first_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?)")
                .params(utc(ClientAttempts.windowStart(now)), utc(now)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
