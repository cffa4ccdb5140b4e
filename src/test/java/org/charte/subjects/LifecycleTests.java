package org.charte.subjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.charte.common.InvalidInputException;
import org.charte.policy.Policy;
import org.charte.retention.internal.InactiveClientRetention;
import org.charte.retention.internal.ProspectRetention;
import org.charte.testing.CharteIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.charte.subjects.internal.Adulthood;

/** Prospect → active client → inactive client, the last contact, and the adults-only check, as the commerce module drives them. */
@CharteIntegrationTest
class LifecycleTests {

    @Autowired
    Subjects subjects;

    @Autowired
    SubjectRetention retention;

    @Autowired
    Policy policy;

    UUID prospect(LocalDate birthDate, LocalDate lastContact) {
        return subjects.register(SubjectStatus.PROSPECT, new Identity("Mme", "Cycle", "Vie", birthDate), lastContact);
    }

    @Test
    @DisplayName("R5.1 the last contact only moves forward: an older contact recorded late does not shorten retention")
    void lastContact() {
        UUID id = prospect(LocalDate.of(1980, 1, 1), LocalDate.of(2026, 3, 1));
        subjects.recordContact(id, LocalDate.of(2026, 6, 15));
        assertThat(subjects.lifecycle(id)).hasValueSatisfying(l -> assertThat(l.lastContactOn()).isEqualTo(LocalDate.of(2026, 6, 15)));
        subjects.recordContact(id, LocalDate.of(2026, 4, 1));
        assertThat(subjects.lifecycle(id).orElseThrow().lastContactOn()).isEqualTo(LocalDate.of(2026, 6, 15));
    }

    @Test
    @DisplayName("R5.2 R5.3 a prospect becomes an active client at the first subscription, inactive when the last contract ends, active again if they come back")
    void statuses() {
        UUID id = prospect(LocalDate.of(1980, 1, 1), LocalDate.of(2026, 1, 10));
        assertThat(subjects.status(id)).contains(SubjectStatus.PROSPECT);
        assertThatThrownBy(() -> subjects.contractsEnded(id, LocalDate.of(2026, 2, 1)))
                .isInstanceOf(InvalidInputException.class).hasMessage("a prospect has no contract to end");

        subjects.becameClient(id, LocalDate.of(2026, 2, 1));
        Lifecycle active = subjects.lifecycle(id).orElseThrow();
        assertThat(active.status()).isEqualTo(SubjectStatus.CLIENT_ACTIVE);
        assertThat(active.lastContactOn()).as("a subscription is a contact").isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(active.contractEndedOn()).isNull();

        subjects.contractsEnded(id, LocalDate.of(2026, 9, 30));
        Lifecycle inactive = subjects.lifecycle(id).orElseThrow();
        assertThat(inactive.status()).isEqualTo(SubjectStatus.CLIENT_INACTIVE);
        assertThat(inactive.contractEndedOn()).isEqualTo(LocalDate.of(2026, 9, 30));
        subjects.contractsEnded(id, LocalDate.of(2026, 9, 1));
        assertThat(subjects.lifecycle(id).orElseThrow().contractEndedOn()).as("the later end counts").isEqualTo(LocalDate.of(2026, 9, 30));

        subjects.becameClient(id, LocalDate.of(2026, 11, 2));
        assertThat(subjects.lifecycle(id).orElseThrow()).isEqualTo(new Lifecycle(SubjectStatus.CLIENT_ACTIVE, LocalDate.of(2026, 11, 2), null));
        assertThat(subjects.countByStatus().get(SubjectStatus.CLIENT_ACTIVE)).isPositive();
    }

    @Test
    @DisplayName("R3.5 a person is an adult from their 18th birthday (born on 29 February: from 1 March in a common year, see Adulthood); an unknown birth date is not adult")
    void adults() {
        UUID id = prospect(LocalDate.of(2008, 11, 26), LocalDate.of(2026, 1, 1));
        assertThat(subjects.isAdultOn(id, LocalDate.of(2026, 11, 25))).isFalse();
        assertThat(subjects.isAdultOn(id, LocalDate.of(2026, 11, 26))).isTrue();
        UUID leap = prospect(LocalDate.of(2008, 2, 29), LocalDate.of(2026, 1, 1));
        assertThat(subjects.isAdultOn(leap, LocalDate.of(2026, 2, 28))).isFalse();
        assertThat(subjects.isAdultOn(leap, LocalDate.of(2026, 3, 1))).isTrue();
        UUID unknown = subjects.register(SubjectStatus.PROSPECT, new Identity(null, "Sansdate", null, null), LocalDate.of(2026, 1, 1));
        assertThat(subjects.isAdultOn(unknown, LocalDate.of(2026, 1, 1))).isFalse();
    }

    @Test
    @DisplayName("R3.1 the lifecycle of an unknown person is refused with the field named")
    void unknown() {
        UUID nobody = UUID.randomUUID();
        assertThatThrownBy(() -> subjects.recordContact(nobody, LocalDate.of(2026, 1, 1))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> subjects.isAdultOn(nobody, LocalDate.of(2026, 1, 1))).isInstanceOf(InvalidInputException.class);
        assertThat(subjects.lifecycle(nobody)).isEmpty();
    }

    @Test
    @DisplayName("R5.1 R5.3 the run selects people by the dates their rule gives: a prospect by the last contact alone, a former client by "
            + "the later of contract end and last contact; the query agrees with each rule's own answer, to the day")
    void dueByTheRulesDates() {
        LocalDate asOf = LocalDate.of(2024, 6, 1);
        InactiveClientRetention inactiveRule = InactiveClientRetention.of(policy).orElseThrow();
        ProspectRetention prospectRule = ProspectRetention.of(policy).orElseThrow();
        assertThat(inactiveRule.cutoff(asOf)).as("3 years (L4)").isEqualTo(LocalDate.of(2021, 6, 1));
        assertThat(prospectRule.cutoff(asOf)).isEqualTo(LocalDate.of(2021, 6, 1));

        UUID endedLate = formerClient(LocalDate.of(2020, 1, 10), LocalDate.of(2021, 9, 30)); // the contract end keeps them
        UUID endedEarly = formerClient(LocalDate.of(2020, 1, 10), LocalDate.of(2021, 5, 31));
        UUID endedOnCutoff = formerClient(LocalDate.of(2020, 1, 10), LocalDate.of(2021, 6, 1)); // 3 years to the day: kept
        UUID contactedLate = formerClient(LocalDate.of(2021, 8, 1), LocalDate.of(2021, 3, 31)); // the later contact keeps them
        List<UUID> formerClients = List.of(endedLate, endedEarly, endedOnCutoff, contactedLate);
        List<UUID> dueClients = retention.dueIds(SubjectStatus.CLIENT_INACTIVE, inactiveRule.cutoffs(asOf), null, 100_000);
        assertThat(dueClients).contains(endedEarly).doesNotContain(endedLate, endedOnCutoff, contactedLate);
        for (UUID id : formerClients) {
            Lifecycle l = subjects.lifecycle(id).orElseThrow();
            assertThat(dueClients.contains(id)).as("the query and InactiveClientRetention.isDue agree for " + l)
                    .isEqualTo(inactiveRule.isDue(l.contractEndedOn(), l.lastContactOn(), asOf));
        }
        assertThat(retention.dueIds(SubjectStatus.CLIENT_INACTIVE, new SubjectRetention.Cutoffs(LocalDate.of(2021, 6, 1), null), null, 100_000))
                .as("no date of its own: a rule that counted the last contact alone would select the late-ended one too")
                .contains(endedLate, endedEarly, endedOnCutoff).doesNotContain(contactedLate);

        UUID before = prospect(LocalDate.of(1980, 1, 1), LocalDate.of(2021, 5, 31));
        UUID onCutoff = prospect(LocalDate.of(1980, 1, 1), LocalDate.of(2021, 6, 1));
        List<UUID> dueProspects = retention.dueIds(SubjectStatus.PROSPECT, prospectRule.cutoffs(asOf), null, 100_000);
        assertThat(dueProspects).contains(before).doesNotContain(onCutoff).doesNotContainAnyElementsOf(formerClients);
        for (UUID id : List.of(before, onCutoff)) {
            assertThat(dueProspects.contains(id)).isEqualTo(prospectRule.isDue(subjects.lifecycle(id).orElseThrow().lastContactOn(), asOf));
        }
        long counted = retention.countDue(SubjectStatus.PROSPECT, prospectRule.cutoffs(asOf));
        assertThat(counted).as("the count and the pages select alike").isEqualTo(dueProspects.size());

        subjects.becameClient(contactedLate, LocalDate.of(2021, 7, 1));
        assertThat(subjects.lifecycle(contactedLate)).as("coming back is a contact, but never moves the last one back")
                .contains(new Lifecycle(SubjectStatus.CLIENT_ACTIVE, LocalDate.of(2021, 8, 1), null));
    }

    private UUID formerClient(LocalDate lastContact, LocalDate contractEnd) {
        UUID id = subjects.register(SubjectStatus.CLIENT_ACTIVE, new Identity("M.", "Ancien", "Client", LocalDate.of(1970, 5, 5)), lastContact);
        subjects.contractsEnded(id, contractEnd);
        return id;
    }
}
