package org.charte.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.policy.PolicyClauses.Clause;
import org.charte.policy.PolicyDiff.Mark;
import org.charte.policy.PolicyDiff.Segment;
import org.charte.policy.PolicyDiff.Status;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyDiffTests {

    private static PolicyVersion version(Policy policy) {
        return new PolicyVersion(UUID.randomUUID(), policy.version(), policy.effectiveDate(), policy.contentSha256(), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    @DisplayName("L10 a changed paragraph is compared word by word: the old side marks the words removed, the new side the words added")
    void wordLevel() {
        var diff = PolicyDiff.compare(
                List.of(new Clause("5", "5. Conservation", List.of("Intro", "Clients inactifs : pendant 10 ans, puis supprimées."))),
                List.of(new Clause("5", "5. Conservation", List.of("Intro", "Clients inactifs : pendant 3 ans, puis archivées."))), null);
        var clause = diff.clauses().getFirst();
        assertThat(clause.status()).isEqualTo(Status.CHANGED);
        assertThat(clause.oldText().get(0).changed()).isFalse();
        assertThat(clause.oldText().get(1).segments()).containsExactly(new Segment(Mark.SAME, "Clients inactifs : pendant"),
                new Segment(Mark.REMOVED, "10"), new Segment(Mark.SAME, "ans, puis"), new Segment(Mark.REMOVED, "supprimées."));
        assertThat(clause.newText().get(1).segments()).containsExactly(new Segment(Mark.SAME, "Clients inactifs : pendant"),
                new Segment(Mark.ADDED, "3"), new Segment(Mark.SAME, "ans, puis"), new Segment(Mark.ADDED, "archivées."));
        assertThat(diff.changesDeclared()).isFalse();
    }

    @Test
    @DisplayName("L10 clauses added or removed keep their place; a paragraph added between kept ones is marked whole")
    void addedAndRemoved() {
        var diff = PolicyDiff.compare(
                List.of(new Clause("1", "1. A", List.of("a")), new Clause("2", "2. B", List.of("b")), new Clause("3", "3. C", List.of("c"))),
                List.of(new Clause("1", "1. A", List.of("a", "new", "a2")), new Clause("3", "3. C", List.of("c")), new Clause("4", "4. D", List.of("d"))),
                null);
        assertThat(diff.clauses()).extracting(PolicyDiff.ClauseDiff::number).containsExactly("1", "2", "3", "4");
        assertThat(diff.clauses()).extracting(PolicyDiff.ClauseDiff::status).containsExactly(Status.CHANGED, Status.REMOVED, Status.SAME, Status.ADDED);
        assertThat(diff.clauses().getFirst().newText()).extracting(p -> p.segments().getFirst().mark()).containsExactly(Mark.SAME, Mark.ADDED, Mark.ADDED);
        assertThat(diff.unchanged()).extracting(PolicyDiff.ClauseDiff::number).containsExactly("3");
    }

    @Test
    @DisplayName("L10 L4 L5 L7 L8 R7.2 the shipped 1.2 and 1.3, as their French pages read, differ in §3.2, §4.1, §5, §7, §8 and §9; every change 1.3 declares "
            + "falls on a clause of the text, with its reasons and sources, and nothing changes without a declared reason")
    void shippedVersions() {
        Policy v12 = PolicyLoader.loadShipped(PolicyLoader.V1_2_RESOURCE);
        Policy v13 = PolicyLoader.loadDefault();
        var before = PolicyClauses.of(v12, version(v12), Locale.FRENCH);
        var after = PolicyClauses.of(v13, version(v13), Locale.FRENCH);
        assertThat(after).extracting(Clause::number).contains("1", "2", "3", "3.1", "3.2", "4.1", "5", "6.2", "8", "9.1", "9.2", "9.3");
        var diff = PolicyDiff.compare(before, after, v13.changes());
        assertThat(diff.unplaced()).as("every declared change names a clause of the text").isEmpty();
        assertThat(diff.changed()).extracting(PolicyDiff.ClauseDiff::number).containsExactly("3.2", "4.1", "5", "7", "8", "9.1", "9.2", "9.3");
        assertThat(diff.changed()).allSatisfy(c -> assertThat(c.changes()).as(c.number() + " has a declared reason").isNotEmpty());
        var retention = diff.changed().get(2);
        assertThat(retention.material()).isTrue();
        assertThat(retention.changes()).flatExtracting(Policy.Change::sources).contains("L4", "L7", "L8");
        assertThat(retention.oldText()).anySatisfy(p -> {
            assertThat(p.segments()).contains(new Segment(Mark.REMOVED, "10"));
            assertThat(p.segments().stream().map(Segment::text).reduce("", (a, b) -> a + " " + b)).contains("pendant 10 ans après");
        });
        assertThat(retention.newText()).anySatisfy(p -> assertThat(p.segments()).contains(new Segment(Mark.ADDED, "3")));
        // §7 as published in 1.2: every network under the standard contractual clauses; 1.3 names each one's safeguard (R7.2).
        var transfers = diff.changed().get(3);
        assertThat(transfers.number()).isEqualTo("7");
        assertThat(transfers.oldText().stream().flatMap(p -> p.segments().stream()).map(Segment::text).reduce("", (a, b) -> a + " " + b))
                .contains("clauses contractuelles types").doesNotContain("adéquation");
        assertThat(transfers.newText().stream().flatMap(p -> p.segments().stream()).map(Segment::text).reduce("", (a, b) -> a + " " + b))
                .contains("adéquation");
        assertThat(LocalDate.of(2027, 1, 15)).isEqualTo(v13.effectiveDate());
    }
}
