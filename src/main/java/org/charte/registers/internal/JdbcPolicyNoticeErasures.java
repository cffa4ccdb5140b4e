package org.charte.registers.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.charte.retention.ErasedWithThePerson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person erased whole takes their policy-change notices with them (L10, R5.6): the row only keeps a
 * second notice from going to the same person, which an erased person can no longer receive, so it
 * has no rule of its own in the policy and no reason to outlive them.
 */
@Component
class JdbcPolicyNoticeErasures implements ErasedWithThePerson {

    private final JdbcClient jdbc;

    JdbcPolicyNoticeErasures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int erase(Collection<UUID> subjectIds) {
        return subjectIds.isEmpty() ? 0
                : jdbc.sql("DELETE FROM policy_change_notice WHERE subject_id IN (:ids)").param("ids", List.copyOf(subjectIds)).update();
    }
}
