package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.subjects.Contacts;
import org.charte.subjects.DeathNotified;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostMortem;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ContextConfiguration;

/**
 * The rights module with what it depends on (retention, subjects, access, audit, vault, mail, ...),
 * on a real database: a death notified in the subjects module restricts the person's processing in
 * the access module and, through its event, opens the rights module's check of the evidence; only
 * the DPO's confirmation has the directives carried out.
 */
@Tag("db")
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, verifyAutomatically = false) // ModularityTests verifies the modules once
@ContextConfiguration(initializers = TestDatabase.class)
class RightsModuleTests {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Subjects subjects;
    @Autowired PostMortem postMortem;
    @Autowired Grants grants;
    @Autowired ProcessingRestrictions restrictions;
    @Autowired DeathChecks checks;
    @Autowired Clock clock;

    @Test
    @DisplayName("R9.4 a death notified (DeathNotified) restricts the person's processing and opens the DPO's check, nothing carried out; "
            + "confirmed (DeathConfirmed), the directive to erase everything is carried out")
    void deathNotice(Scenario scenario, AssertablePublishedEvents events) {
        LocalDate today = LocalDate.now(clock);
        StaffMember member = directory.create(new StaffDirectory.NewStaff("dpo-" + UUID.randomUUID().toString().substring(0, 8), "Test DPO", "dpo",
                "a long enough password"));
        commitments.sign(member.id());
        Actor dpo = Actor.staff(member.id());
        UUID person = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "DEFUNTE", "Camille", LocalDate.of(1950, 5, 17)),
                new Contacts(List.of(new PostalAddress(List.of("8 rue Pasteur"), "21000", "Dijon", "FR")), List.of("defunte@example.org"), List.of()),
                null), today.minusMonths(2));
        // Recording on a person already recorded needs a grant on them, as reading does (R6.1): an administrator gives it.
        StaffMember admin = directory.create(new StaffDirectory.NewStaff("admin-" + UUID.randomUUID().toString().substring(0, 8), "Test admin",
                "administrator", "a long enough password"));
        grants.grantIndividual(member.id(), "rights-requests", Set.of("identity", "other-information"), List.of(ResourceRef.subject(person)),
                clock.instant().plus(Duration.ofDays(1)), "a death notified by the family", admin.id());
        postMortem.record(dpo, person, new PostMortem.NewDirectives(PostMortem.Choice.ERASE_ALL, null, null));
        LocalDate diedOn = today.minusDays(3);

        AtomicReference<DeathChecks.Check> opened = new AtomicReference<>();
        scenario.stimulate(() -> postMortem.notifyDeath(dpo, person, new PostMortem.DeathNotice(diedOn, PostMortem.Source.FAMILY)))
                .andWaitForStateChange(() -> checks.awaiting().stream().filter(c -> c.subjectId().equals(person)).findFirst(), Optional::isPresent)
                .andVerify((check, notified) -> {
                    opened.set(check.orElseThrow());
                    assertThat(events.ofType(DeathNotified.class).matching(e -> e.subjectId().equals(person))).as("published by subjects")
                            .singleElement().satisfies(e -> assertThat(e.directive()).isEqualTo(PostMortem.Choice.ERASE_ALL));
                    assertThat(opened.get().diedOn()).isEqualTo(diedOn);
                    assertThat(opened.get().status()).isEqualTo(DeathChecks.Status.AWAITING_EVIDENCE);
                    assertThat(restrictions.current(person)).as("processing restricted in the access module")
                            .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(ProcessingRestrictions.Reason.DECEASED));
                    assertThat(notified.actions()).extracting(PostMortem.Action::kind).containsExactly(PostMortem.ActionKind.ERASURE);
                    assertThat(postMortem.actions(person)).extracting(PostMortem.Action::status).containsOnly(PostMortem.ActionStatus.PENDING);
                    assertThat(subjects.status(person)).as("nothing erased on anyone's word").isPresent();
                });

        scenario.stimulate(() -> checks.confirm(dpo, opened.get().id(), "Acte n° 2026-117, mairie de Dijon"))
                .andWaitForStateChange(() -> subjects.status(person), Optional::isEmpty)
                .andVerify((status, confirmed) -> {
                    assertThat(confirmed.status()).isEqualTo(DeathChecks.Status.CONFIRMED);
                    assertThat(events.ofType(DeathConfirmed.class).matching(e -> e.subjectId().equals(person))).hasSize(1);
                    assertThat(postMortem.actions(person)).as("carried out").singleElement().satisfies(action -> {
                        assertThat(action.kind()).isEqualTo(PostMortem.ActionKind.ERASURE);
                        assertThat(action.status()).isEqualTo(PostMortem.ActionStatus.DONE);
                    });
                });
    }
}
