package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.charte.access.ProcessingRestrictions;
import org.charte.policy.Policy;
import org.charte.subjects.Identity;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The decision point's in-memory copy of restrictions across nodes: other nodes are played by
 * other {@link ProcessingLimits} instances on the same database, as other JVMs would be.
 */
@CharteIntegrationTest
class ProcessingLimitsNodesTests {

    @Autowired
    ProcessingRestrictions restrictions;

    @Autowired
    ProcessingLimits thisNode;

    @Autowired
    Subjects subjects;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Policy policy;

    ProcessingLimits node(Duration interval) {
        return new ProcessingLimits(jdbc, policy, interval, List.of("unpaid-litigation"));
    }

    static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    UUID person() {
        return subjects.register(SubjectStatus.PROSPECT, new Identity("Mme", "NOEUD", "Camille", null), LocalDate.of(2026, 1, 5));
    }

    @Test
    @DisplayName("L5 a restriction holds at once on the node that recorded it, and on every other node at its next poll of the counter")
    void restrictionReachesEveryNode() {
        UUID person = person();
        ProcessingLimits strict = node(Duration.ZERO);
        ProcessingLimits lazy = node(Duration.ofHours(1));
        assertThat(strict.of(person).restricted()).isFalse();
        assertThat(lazy.of(person).restricted()).isFalse();

        restrictions.restrict(person, ProcessingRestrictions.Reason.ACCURACY_CONTESTED, "RR-NODES", "system");

        assertThat(thisNode.of(person).restricted()).as("the node that recorded it").isTrue();
        assertThat(strict.of(person).restricted()).as("a node reading the counter on every decision").isTrue();
        assertThat(lazy.of(person).restricted()).as("a node within its interval keeps its copy").isFalse();
        lazy.poll(); // what its background poll does each interval: the counter moved, the copy is reloaded
        assertThat(lazy.of(person).restricted()).isTrue();

        restrictions.lift(person, "accuracy-verified", "system");
        assertThat(thisNode.of(person).restricted()).isFalse();
        assertThat(strict.of(person).restricted()).isFalse();
    }

    @Test
    @DisplayName("L5 a change written by another node (the counter bumped with it) is seen at the next read of the counter, in the background within the interval")
    void changeFromAnotherNode() {
        UUID person = person();
        ProcessingLimits strict = node(Duration.ZERO);
        assertThat(strict.of(person).restricted()).isFalse();
        // Another node's transaction: the row and the counter together.
        jdbc.sql("INSERT INTO processing_restriction (id, subject_id, reason, restricted_at, restricted_by) VALUES (?, ?, 'DECEASED', ?, 'system')")
                .params(UUID.randomUUID(), person, OffsetDateTime.parse("2026-11-26T10:00:00Z")).update();
        jdbc.sql("UPDATE processing_limits_version SET version = version + 1 WHERE id = 1").update();
        assertThat(strict.of(person).restricted()).isTrue();
        // The application's own copy, polled in the background every second (the default interval).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!thisNode.of(person).restricted() && System.nanoTime() < deadline) {
            sleep();
        }
        assertThat(thisNode.of(person).restricted()).as("seen by the background poll").isTrue();
        assertThat(restrictions.current(person)).isPresent();
        restrictions.lift(person, "test-cleanup", "system");
    }
}
