package org.charte.subjects.internal;

import java.util.UUID;
import org.charte.access.KnownSubjects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells the access module whether a person is recorded (it may not depend on this module). */
@Component
class RecordedSubjects implements KnownSubjects {

    private final JdbcClient jdbc;

    RecordedSubjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean exists(UUID subjectId) {
        return jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE id = ?").param(subjectId).query(Long.class).single() > 0;
    }
}
