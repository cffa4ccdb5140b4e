package org.charte.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.charte.retention.LegalHolds;
import org.charte.subjects.SubjectRetention;
import org.charte.testing.PolicyFixtures;
import org.junit.jupiter.api.DisplayName;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The retention rules of the shipped policy as framework-free policy objects: plain dates in, due or not out. */
class RetentionRulesTests {

    static final Policy POLICY = PolicyLoader.loadDefault();

    static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    @DisplayName("R5.1 a prospect is due 3 years after the last contact, not a day before; the cutoff is what SQL compares with")
    void prospects() {
        ProspectRetention rule = ProspectRetention.of(POLICY).orElseThrow();
        assertThat(rule.ruleId()).isEqualTo("prospects");
        LocalDate contact = day("2023-03-10");
        assertThat(rule.isDue(contact, day("2026-03-10"))).as("three years to the day: still kept").isFalse();
        assertThat(rule.isDue(contact, day("2026-03-11"))).isTrue();
        assertThat(rule.cutoff(day("2026-03-11"))).isEqualTo(day("2023-03-11"));
        assertThat(contact).isBefore(rule.cutoff(day("2026-03-11")));
    }

    @Test
    @DisplayName("R5.2 an active client is never due while the relationship runs")
    void activeClients() {
        ActiveClientRetention rule = ActiveClientRetention.of(POLICY).orElseThrow();
        assertThat(rule.ruleId()).isEqualTo("active-clients");
        assertThat(rule.isDue(day("1990-01-01"), day("2090-01-01"))).isFalse();
    }

    @Test
    @DisplayName("R5.3 L4 a former client serves marketing 3 years after the later of contract end and last contact, as 1.3 says (1.2 said 10, the law shortens it): "
            + "due the day after, then archived; the cutoff is what SQL compares with")
    void inactiveClients() {
        InactiveClientRetention published = InactiveClientRetention.of(PolicyLoader.loadShipped(PolicyLoader.V1_2_RESOURCE)).orElseThrow();
        assertThat(published.policyDuration()).as("what the published 1.2 text says").isEqualTo(Period.ofYears(10));
        assertThat(published.deadline().duration()).as("what the law allows, applied even under 1.2").isEqualTo(Period.ofYears(3));
        assertThat(published.shortenedByLaw()).isTrue();
        InactiveClientRetention rule = InactiveClientRetention.of(POLICY).orElseThrow();
        assertThat(rule.ruleId()).isEqualTo("inactive-clients");
        assertThat(rule.archives()).isTrue();
        assertThat(rule.policyDuration()).as("what 1.3 says: the law's 3 years").isEqualTo(Period.ofYears(3));
        assertThat(rule.deadline().duration()).isEqualTo(Period.ofYears(3));
        assertThat(rule.shortenedByLaw()).isFalse();
        LocalDate end = day("2026-06-30");
        LocalDate laterContact = day("2027-02-01");
        assertThat(InactiveClientRetention.start(end, laterContact)).isEqualTo(laterContact);
        assertThat(InactiveClientRetention.start(end, day("2026-01-01"))).isEqualTo(end);
        assertThat(InactiveClientRetention.start(null, day("2026-01-01"))).isEqualTo(day("2026-01-01"));
        assertThat(rule.keptUntil(end, laterContact)).isEqualTo(day("2030-02-01"));
        assertThat(rule.isDue(end, laterContact, day("2029-07-01"))).as("the contract end alone is not what counts").isFalse();
        assertThat(rule.isDue(end, laterContact, day("2030-02-01"))).as("3 years to the day: still kept").isFalse();
        assertThat(rule.isDue(end, laterContact, day("2030-02-02"))).as("3 years and a day").isTrue();
        assertThat(rule.isDue(end, day("2020-01-01"), day("2029-07-01"))).isTrue();
        assertThat(laterContact).as("SQL: start before the cutoff").isBefore(rule.cutoff(day("2030-02-02")))
                .isEqualTo(rule.cutoff(day("2030-02-01")));
    }

    @Test
    @DisplayName("R5.3 L4 a policy that keeps former clients for less than 3 years is applied as written; the law only shortens")
    void shorterPolicyKept() {
        Policy policy = PolicyLoader.parse("p.yaml", PolicyFixtures.with(
                "start: [contract-end, last-contact]       # whichever is later\n    duration: P3Y",
                "start: [contract-end, last-contact]\n    duration: P2Y"));
        InactiveClientRetention rule = InactiveClientRetention.of(policy).orElseThrow();
        assertThat(rule.deadline().duration()).isEqualTo(Period.ofYears(2));
        assertThat(rule.shortenedByLaw()).isFalse();
    }

    @Test
    @DisplayName("L4 data a hold keeps serves the hold's purpose alone: unpaid invoice and litigation for unpaid-litigation (and billing, to "
            + "record the settling payment), accounting and "
            + "authority requests for legal-obligations; the person's rights requests stay possible; never marketing")
    void holdPurposes() {
        HoldPurposes purposes = HoldPurposes.of(POLICY);
        assertThat(purposes.purposes(List.of(LegalHolds.Kind.UNPAID_INVOICE)))
                .containsExactlyInAnyOrder("unpaid-litigation", "billing", "rights-requests", "legal-obligations");
        assertThat(purposes.purposes(List.of(LegalHolds.Kind.LITIGATION))).contains("unpaid-litigation");
        assertThat(purposes.purposes(List.of(LegalHolds.Kind.AUTHORITY_REQUEST))).containsExactlyInAnyOrder("rights-requests", "legal-obligations");
        assertThat(purposes.purposes(List.of(LegalHolds.Kind.ACCOUNTING_OBLIGATION, LegalHolds.Kind.UNPAID_INVOICE)))
                .doesNotContain("loyalty-prospecting", "customer-reviews", "newsletters", "customer-service");
    }

    @Test
    @DisplayName("L4 an archived record is kept until its start plus the longest obligation still covering it, then expires")
    void archiveObligations() {
        ArchiveObligations archive = ArchiveObligations.of(POLICY);
        LocalDate issued = day("2030-05-15");
        var invoice = archive.keeping("invoice", issued, issued, day("2036-01-01")).orElseThrow();
        assertThat(invoice.obligations()).as("accounting (10 years) wins over tax (6 years)").containsExactly("accounting", "tax");
        assertThat(invoice.keepUntil()).isEqualTo(day("2040-05-15"));
        assertThat(invoice.categories()).containsExactly("billing", "contact", "identity");
        var later = archive.keeping("invoice", issued, issued, day("2037-01-01")).orElseThrow();
        assertThat(later.obligations()).as("the tax obligation has ended").containsExactly("accounting");
        assertThat(archive.keeping("invoice", issued, issued, day("2040-05-15"))).as("kept through its last day").isPresent();
        assertThat(archive.keeping("invoice", issued, issued, day("2040-05-16"))).isEmpty();

        LocalDate ended = day("2031-12-31");
        var subscription = archive.keeping("subscription", day("2028-01-01"), ended, day("2033-01-01")).orElseThrow();
        assertThat(subscription.obligations()).containsExactly("limitation");
        assertThat(subscription.start()).as("limitation counts from the contract's end").isEqualTo(ended);
        assertThat(subscription.keepUntil()).isEqualTo(day("2036-12-31"));
        assertThat(archive.keeping("client-account", issued, issued, day("2031-01-01"))).as("no obligation keeps an account").isEmpty();
        assertThat(ArchiveObligations.isExpired(day("2036-12-31"), day("2036-12-31"))).isFalse();
        assertThat(ArchiveObligations.isExpired(day("2036-12-31"), day("2037-01-01"))).isTrue();
    }

    @Test
    @DisplayName("L4 R9.2 each obligation of an archive entry keeps it until its own end, counted from the entry's start")
    void archiveObligationEnds() {
        ArchiveObligations archive = ArchiveObligations.of(POLICY);
        var ends = archive.ends(List.of("accounting", "tax", "unknown"), day("2030-05-15"));
        assertThat(ends).extracting(e -> e.obligation().id(), ArchiveObligations.Until::until).containsExactly(
                Tuple.tuple("accounting", day("2040-05-15")), Tuple.tuple("tax", day("2036-05-15")));
        assertThat(archive.ends(List.of("limitation"), day("2031-12-31"))).singleElement()
                .satisfies(e -> assertThat(e.until()).isEqualTo(day("2036-12-31")));
        assertThat(archive.ends(List.of("accounting", "limitation"), day("2030-05-15"))).as("limitation counts from another start")
                .extracting(ArchiveObligations.Until::until).containsExactly(day("2040-05-15"), null);
    }

    @Test
    @DisplayName("L7 a card reference is due 13 months after the debit")
    void cardReferences() {
        CardReferenceRetention rule = CardReferenceRetention.of(POLICY).orElseThrow();
        assertThat(rule.ruleId()).isEqualTo("card-references");
        LocalDate debit = day("2026-01-31");
        assertThat(rule.isDue(debit, day("2027-02-28"))).as("13 months after the 31st of January is the 28th of February").isFalse();
        assertThat(rule.isDue(debit, day("2027-03-01"))).isTrue();
    }

    @Test
    @DisplayName("R5.4 the personalisation-cookies rule falls due 13 months after consent (the retention run applies it to the proofs of cookie choices)")
    void cookies() {
        CookieRetention rule = CookieRetention.of(POLICY).orElseThrow();
        assertThat(rule.ruleId()).isEqualTo("personalisation-cookies");
        assertThat(rule.deadline().duration()).isEqualTo(Period.ofMonths(13));
        assertThat(rule.isDue(day("2026-01-10"), day("2027-02-10"))).isFalse();
        assertThat(rule.isDue(day("2026-01-10"), day("2027-02-11"))).isTrue();
    }

    @Test
    @DisplayName("R5.6 a deadline is never early: whatever the month ends, start < as-of minus the duration means start plus it is past")
    void neverEarly() {
        for (Period duration : List.of(Period.ofMonths(1), Period.ofMonths(13), Period.ofYears(3), Period.ofDays(30))) {
            Deadline deadline = new Deadline(duration);
            for (LocalDate start = day("2024-01-01"); start.isBefore(day("2025-01-01")); start = start.plusDays(1)) {
                for (LocalDate asOf = start.plus(duration).minusDays(3); asOf.isBefore(start.plus(duration).plusDays(4)); asOf = asOf.plusDays(1)) {
                    if (deadline.isDue(start, asOf)) {
                        assertThat(deadline.keptUntil(start)).as("%s + %s on %s", start, duration, asOf).isBefore(asOf);
                    } else {
                        assertThat(asOf).as("at most 3 days late: %s + %s on %s", start, duration, asOf)
                                .isBefore(deadline.keptUntil(start).plusDays(4));
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("R5.1 R5.3 the dates the run selects by come from the rule: a prospect's last contact alone, a former client's "
            + "last contact and contract end, each before the rule's cutoff; selecting by them agrees with isDue")
    void cutoffsForTheQuery() {
        LocalDate asOf = day("2026-03-11");
        ProspectRetention prospects = ProspectRetention.of(POLICY).orElseThrow();
        assertThat(prospects.cutoffs(asOf)).as("no contract end counted for a prospect")
                .isEqualTo(new SubjectRetention.Cutoffs(day("2023-03-11"), null));
        InactiveClientRetention inactive = InactiveClientRetention.of(POLICY).orElseThrow();
        SubjectRetention.Cutoffs cutoffs = inactive.cutoffs(asOf);
        assertThat(cutoffs).isEqualTo(new SubjectRetention.Cutoffs(day("2023-03-11"), day("2023-03-11")));
        List<LocalDate> days = List.of(day("2023-03-09"), day("2023-03-10"), day("2023-03-11"), day("2023-03-12"));
        for (LocalDate contact : days) {
            assertThat(selected(prospects.cutoffs(asOf), contact, null)).as("prospect, last contact " + contact)
                    .isEqualTo(prospects.isDue(contact, asOf));
            assertThat(selected(cutoffs, contact, null)).as("no contract end, last contact " + contact)
                    .isEqualTo(inactive.isDue(null, contact, asOf));
            for (LocalDate end : days) {
                assertThat(selected(cutoffs, contact, end)).as("last contact " + contact + ", contract end " + end)
                        .isEqualTo(inactive.isDue(end, contact, asOf));
            }
        }
    }

    /** The comparison the subjects' query makes with the rule's cutoffs (SubjectRetention.Cutoffs). */
    private static boolean selected(SubjectRetention.Cutoffs cutoffs, LocalDate lastContact, @Nullable LocalDate contractEnd) {
        return lastContact.isBefore(cutoffs.lastContact())
                && (cutoffs.contractEnd() == null || contractEnd == null || contractEnd.isBefore(cutoffs.contractEnd()));
    }

    @Test
    @DisplayName("R5.4 L8 navigation data is kept 25 months at most: the published 1.2 keeps it \"for the site's whole life\" and still gets 25 months; 1.3 says 25")
    void navigationData() {
        NavigationRetention published = NavigationRetention.of(PolicyLoader.loadShipped(PolicyLoader.V1_2_RESOURCE)).orElseThrow();
        assertThat(published.ruleId()).isEqualTo("navigation-data");
        assertThat(published.limit()).isEqualTo(Period.ofMonths(25));
        NavigationRetention rule = NavigationRetention.of(POLICY).orElseThrow();
        assertThat(rule.limit()).isEqualTo(Period.ofMonths(25));
        assertThat(rule.firstKept(day("2026-12-05"))).as("a month goes once its first day is 25 months old").isEqualTo(day("2024-12-01"));
        assertThat(rule.firstKept(day("2026-12-01"))).isEqualTo(day("2024-12-01"));
        assertThat(rule.firstKept(day("2026-11-30"))).isEqualTo(day("2024-11-01"));
    }
}
