package org.charte.access.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The expired staff sessions' deletion (their attributes go with them: ON DELETE CASCADE). */
@Repository
class JdbcSessionCleanup {

    private final JdbcClient jdbc;

    JdbcSessionCleanup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes the sessions whose expiry time (epoch milliseconds) is before {@code nowMillis}; how many. */
    int deleteExpiredBefore(long nowMillis) {
        return jdbc.sql("DELETE FROM spring_session WHERE expiry_time < ?").param(nowMillis).update();
    }
}
