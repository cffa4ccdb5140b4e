package org.charte.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.commerce.ContractTerminated;
import org.charte.commerce.Subscription;
import org.charte.commerce.SubscriptionStarted;
import org.charte.commerce.Subscriptions;
import org.charte.subjects.Identity;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ContextConfiguration;

/**
 * The hosting module on its own with what it depends on (commerce, subjects, access, audit, vault,
 * policy): commerce's events reach it through the event publication registry, on a real database.
 */
@Tag("db")
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, verifyAutomatically = false) // ModularityTests verifies the modules once
@ContextConfiguration(initializers = TestDatabase.class)
class HostingModuleTests {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Subscriptions subscriptions;
    @Autowired HostedDatabases databases;
    @Autowired Clock clock;

    @Test
    @DisplayName("R5.5 a subscription (SubscriptionStarted) gets its hosted database; its contract terminated in commerce (ContractTerminated), "
            + "the database's destruction is scheduled 30 days after the termination")
    void contractEndSchedulesDestruction(Scenario scenario, AssertablePublishedEvents events) {
        StaffMember dpo = staff("dpo");
        StaffMember support = staff("cloud-support");
        Actor actor = Actor.staff(support.id());
        UUID client = subjects.register(SubjectStatus.PROSPECT, new Identity("Mme", "HEBERGEE", "Camille", LocalDate.of(1980, 5, 17)),
                LocalDate.now(clock).minusYears(1));
        // Subscribing a person already recorded, and terminating it, under one grant on them (R6.1).
        grants.grantIndividual(support.id(), "subscription-contract", Set.of("subscriptions", "identity"), List.of(ResourceRef.subject(client)),
                clock.instant().plus(Duration.ofDays(1)), "the client subscribes, then terminates their contract", dpo.id());
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        scenario.stimulate(() -> subscriptions.subscribe(actor, client, new Subscriptions.NewSubscription("GESTAN-CLOUD-PRO", null, null)))
                .andWaitForStateChange(() -> databases.ofClient(client), found -> !found.isEmpty())
                .andVerify((found, subscribed) -> {
                    subscription.set(subscribed);
                    assertThat(events.ofType(SubscriptionStarted.class).matching(e -> e.subscriptionId().equals(subscribed.id()))).hasSize(1);
                    assertThat(found).as("provisioned on SubscriptionStarted").singleElement().satisfies(database -> {
                        assertThat(database.subscriptionId()).isEqualTo(subscribed.id());
                        assertThat(database.status()).isEqualTo(HostedDatabase.Status.ACTIVE);
                        assertThat(database.destructionDueOn()).isNull();
                    });
                });

        scenario.stimulate(() -> subscriptions.terminate(actor, subscription.get().id(), null))
                .andWaitForStateChange(() -> databases.ofSubscription(subscription.get().id()).orElseThrow(),
                        database -> database.status() == HostedDatabase.Status.TERMINATED)
                .andVerify((database, terminated) -> {
                    assertThat(events.ofType(ContractTerminated.class).matching(e -> e.subscriptionId().equals(subscription.get().id())))
                            .as("published by commerce").hasSize(1);
                    assertThat(terminated.terminatedOn()).isEqualTo(LocalDate.now(clock));
                    assertThat(database.terminatedOn()).isEqualTo(terminated.terminatedOn());
                    assertThat(database.destructionDueOn()).isEqualTo(terminated.terminatedOn().plusDays(30));
                    assertThat(database.destroyedAt()).as("kept until then").isNull();
                });
    }

    StaffMember staff(String role) {
        StaffMember member = directory.create(new StaffDirectory.NewStaff(role + "-" + UUID.randomUUID().toString().substring(0, 8), "Test " + role, role,
                "a long enough password"));
        commitments.sign(member.id());
        return member;
    }
}
