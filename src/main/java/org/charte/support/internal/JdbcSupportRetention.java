package org.charte.support.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.charte.support.SupportRetention;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Tickets of a batch of people, children first, a statement per table. */
@Service
class JdbcSupportRetention implements SupportRetention {

    private static final String TICKETS = "SELECT id FROM support_ticket WHERE subject_id IN (:ids)";

    private final JdbcClient jdbc;

    JdbcSupportRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int erase(Collection<UUID> subjectIds) {
        if (subjectIds.isEmpty()) {
            return 0;
        }
        List<UUID> ids = List.copyOf(subjectIds);
        jdbc.sql("DELETE FROM ticket_message WHERE ticket_id IN (" + TICKETS + ")").param("ids", ids).update();
        jdbc.sql("DELETE FROM ticket_authorisation WHERE ticket_id IN (" + TICKETS + ")").param("ids", ids).update();
        jdbc.sql("DELETE FROM ticket_monitoring_request WHERE ticket_id IN (" + TICKETS + ")").param("ids", ids).update();
        return jdbc.sql("DELETE FROM support_ticket WHERE subject_id IN (:ids)").param("ids", ids).update();
    }
}
