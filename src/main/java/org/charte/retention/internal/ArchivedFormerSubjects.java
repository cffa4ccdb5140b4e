package org.charte.retention.internal;

import java.util.UUID;
import org.charte.access.ArchivedSubjects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Former people the intermediate archive still holds entries of: a grant may name them. */
@Component
class ArchivedFormerSubjects implements ArchivedSubjects {

    private final JdbcClient jdbc;

    ArchivedFormerSubjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean archived(UUID formerSubjectId) {
        return jdbc.sql("SELECT COUNT(*) FROM archive_entry WHERE subject_id = ?").param(formerSubjectId).query(Long.class).single() > 0;
    }
}
