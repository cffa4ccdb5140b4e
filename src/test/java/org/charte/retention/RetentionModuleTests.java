package org.charte.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.commerce.Invoice;
import org.charte.commerce.InvoicePaid;
import org.charte.commerce.InvoiceUnpaid;
import org.charte.commerce.Invoices;
import org.charte.commerce.Litigation;
import org.charte.commerce.LitigationClosed;
import org.charte.commerce.LitigationOpened;
import org.charte.commerce.Litigations;
import org.charte.commerce.Payment;
import org.charte.retention.LegalHolds.Hold;
import org.charte.retention.LegalHolds.Kind;
import org.charte.subjects.Identity;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
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
 * The retention module with what it depends on (commerce, support, hosting, subjects, access, audit,
 * vault, policy), on a real database: commerce's events raise and release the automatic legal holds
 * through the event publication registry, after commerce's transaction commits.
 */
@Tag("db")
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, verifyAutomatically = false) // ModularityTests verifies the modules once
@ContextConfiguration(initializers = TestDatabase.class)
class RetentionModuleTests {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Invoices invoices;
    @Autowired Litigations litigations;
    @Autowired LegalHolds holds;
    @Autowired Clock clock;

    UUID client;
    Actor adv;
    LocalDate today;

    @BeforeEach
    void client() {
        today = LocalDate.now(clock);
        client = subjects.register(SubjectStatus.CLIENT_ACTIVE, new Identity("Mme", "DEBITRICE", "Camille", LocalDate.of(1975, 3, 9)),
                today.minusYears(1));
        StaffMember dpo = staff("dpo");
        StaffMember member = staff("adv");
        adv = Actor.staff(member.id());
        grants.grantIndividual(member.id(), "unpaid-litigation", Set.of("billing"), List.of(ResourceRef.subject(client)),
                clock.instant().plus(Duration.ofDays(1)), "recovery of an unpaid invoice", dpo.id());
        grants.grantIndividual(member.id(), "billing", Set.of("billing"), List.of(ResourceRef.subject(client)),
                clock.instant().plus(Duration.ofDays(1)), "invoicing a known client", dpo.id());
    }

    @Test
    @DisplayName("R5.6 an invoice marked unpaid (InvoiceUnpaid) holds that invoice; paid in full (InvoicePaid), its hold is released")
    void unpaidInvoiceHolds(Scenario scenario, AssertablePublishedEvents events) {
        Invoice invoice = invoices.issue(adv, client, new Invoices.NewInvoice(today.minusMonths(3), today.minusMonths(2), new BigDecimal("120.00"),
                "EUR", null, null));

        scenario.stimulate(() -> invoices.markUnpaid(adv, invoice.id()))
                .andWaitForStateChange(() -> holdOn(invoice.id()), Optional::isPresent)
                .andVerify(found -> {
                    assertThat(events.ofType(InvoiceUnpaid.class).matching(e -> e.invoiceId().equals(invoice.id()))).as("published by commerce").hasSize(1);
                    Hold placed = found.orElseThrow();
                    assertThat(placed.kind()).isEqualTo(Kind.UNPAID_INVOICE);
                    assertThat(placed.subjectId()).isEqualTo(client);
                    assertThat(placed.recordType()).isEqualTo("invoice");
                    assertThat(placed.onPerson()).as("the invoice, not the whole person").isFalse();
                    assertThat(placed.reasonCode()).isEqualTo("invoice-unpaid");
                });
        Hold hold = holdOn(invoice.id()).orElseThrow();

        scenario.stimulate(() -> invoices.pay(adv, invoice.id(), new Invoices.NewPayment(invoice.amount(), "EUR", today, Payment.Method.TRANSFER,
                        null, null)))
                .andWaitForStateChange(() -> holds.find(hold.id()).orElseThrow(), found -> found.releasedAt() != null)
                .andVerify(released -> {
                    assertThat(events.ofType(InvoicePaid.class).matching(e -> e.invoiceId().equals(invoice.id()))).hasSize(1);
                    assertThat(released.activeOn(today)).isFalse();
                    assertThat(holds.activeFor(List.of(client), today)).as("nothing else holds the person").isEmpty();
                });
    }

    @Test
    @DisplayName("R5.6 a litigation opened (LitigationOpened) holds the whole person; closed (LitigationClosed), the hold is released")
    void litigationHolds(Scenario scenario, AssertablePublishedEvents events) {
        AtomicReference<Litigation> litigation = new AtomicReference<>();
        scenario.stimulate(() -> litigations.open(adv, client, new Litigations.NewLitigation(today, "Contestation de facture", null)))
                .andWaitForStateChange(() -> holds.activeFor(List.of(client), today), found -> !found.isEmpty())
                .andVerify((found, opened) -> {
                    litigation.set(opened);
                    assertThat(events.ofType(LitigationOpened.class).matching(e -> e.litigationId().equals(opened.id()))).hasSize(1);
                    assertThat(found).singleElement().satisfies(hold -> {
                        assertThat(hold.kind()).isEqualTo(Kind.LITIGATION);
                        assertThat(hold.subjectId()).isEqualTo(client);
                        assertThat(hold.onPerson()).as("the whole person").isTrue();
                        assertThat(hold.reasonCode()).isEqualTo("litigation-open");
                    });
                });
        Hold hold = holds.activeFor(List.of(client), today).getFirst();

        scenario.stimulate(() -> litigations.close(adv, litigation.get().id(), new Litigations.Closure(today, "settled")))
                .andWaitForStateChange(() -> holds.find(hold.id()).orElseThrow(), found -> found.releasedAt() != null)
                .andVerify(released -> {
                    assertThat(events.ofType(LitigationClosed.class).matching(e -> e.litigationId().equals(litigation.get().id()))).hasSize(1);
                    assertThat(released.activeOn(today)).isFalse();
                    assertThat(holds.activeFor(List.of(client), today)).as("the person is no longer held").isEmpty();
                });
    }

    Optional<Hold> holdOn(UUID invoiceId) {
        return holds.activeFor(List.of(client), today).stream().filter(h -> invoiceId.equals(h.recordId())).findFirst();
    }

    StaffMember staff(String role) {
        StaffMember member = directory.create(new StaffDirectory.NewStaff(role + "-" + UUID.randomUUID().toString().substring(0, 8), "Test " + role,
                role, "a long enough password"));
        commitments.sign(member.id());
        return member;
    }
}
