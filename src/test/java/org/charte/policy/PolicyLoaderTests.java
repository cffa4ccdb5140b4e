package org.charte.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.charte.testing.PolicyFixtures.lineOf;
import static org.charte.testing.PolicyFixtures.with;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.charte.policy.Policy.AccessMode;
import org.charte.policy.Policy.Keep;
import org.charte.policy.Policy.Outcome;
import org.charte.policy.Policy.PurposeGroup;
import org.charte.policy.Policy.RecipientType;
import org.charte.policy.Policy.RoleKind;
import org.charte.testing.PolicyFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyLoaderTests {

    private final Policy policy = PolicyLoader.loadDefault();

    private static InvalidPolicyException refused(String text) {
        try {
            PolicyLoader.parse("test-policy.yaml", text);
        } catch (InvalidPolicyException e) {
            return e;
        }
        throw new AssertionError("the policy was accepted");
    }

    /** The problem is reported on the line where the fault is, with the file's name. */
    private static void assertProblem(String text, String passage, String message) {
        InvalidPolicyException e = refused(text);
        assertThat(e.problems()).as(e.getMessage())
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("test-policy.yaml");
                    assertThat(p.line()).isEqualTo(lineOf(text, passage));
                    assertThat(p.message()).contains(message);
                });
        assertThat(e.getMessage()).contains("test-policy.yaml:" + lineOf(text, passage) + ": ");
    }

    @Test
    @DisplayName("R1.1 L10 the default Gestan Cloud policy is version 1.3 of 15/01/2027, with its content hash; 1.2 of 27/12/2024 is shipped beside it")
    void shippedVersion() {
        assertThat(policy.version()).isEqualTo("1.3");
        assertThat(policy.effectiveDate()).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(policy.contentSha256()).hasSize(64).isEqualTo(PolicyLoader.sha256(PolicyLoader.defaultContent()));
        Policy v12 = PolicyLoader.loadShipped(PolicyLoader.V1_2_RESOURCE);
        assertThat(v12.version()).isEqualTo("1.2");
        assertThat(v12.effectiveDate()).isEqualTo(LocalDate.of(2024, 12, 27));
        assertThat(v12.changes()).isNull();
        assertThat(policy.changes()).isNotNull();
        assertThat(policy.changes().from()).isEqualTo("1.2");
    }

    @Test
    @DisplayName("R2.1 R8.1 controller identity and DPO come from the policy file")
    void controllerAndDpo() {
        var controller = policy.controller();
        assertThat(controller.name()).isEqualTo("ICS-Informatique SARL");
        assertThat(controller.address().oneLine()).isEqualTo("88 avenue des Ternes, 75017 PARIS");
        assertThat(controller.siret()).isEqualTo("447 657 040 00013");
        assertThat(controller.rcs()).isEqualTo("RCS Paris B 447 657 040");
        assertThat(controller.vat()).isEqualTo("FR 21 447657040");
        assertThat(policy.dpo().name()).isEqualTo("M. Etienne Neuville");
        assertThat(policy.dpo().email()).isEqualTo("contact@ics-informatique.com");
    }

    @Test
    @DisplayName("R3.1 R3.2 R3.3 R3.4 every data category of §3 is declared, with its source")
    void dataCategories() {
        assertThat(policy.dataCategories()).extracting(Policy.DataCategory::id).containsExactly(
                "identity", "contact", "other-information", "account-credentials", "subscriptions", "orders",
                "billing", "payment-card", "support-requests", "hosted-credentials", "hosted-data", "navigation", "preferences");
        assertThat(policy.dataCategory("navigation").orElseThrow().items()).hasSize(6);
    }

    @Test
    @DisplayName("R4.1 R1.2 the purposes of §4.1 exist, each with exactly one legal basis and its categories")
    void servicePurposes() {
        assertThat(policy.purposesIn(PurposeGroup.SERVICE)).extracting(Policy.Purpose::id).containsExactly(
                "subscription-contract", "orders", "newsletters", "billing", "deliveries", "customer-service",
                "satisfaction-surveys", "service-changes", "unpaid-litigation", "rights-requests", "compliance-checks",
                "legal-obligations");
        assertThat(policy.purposes()).allSatisfy(p -> {
            assertThat(p.legalBasis()).isNotNull();
            assertThat(p.categories()).isNotEmpty();
        });
        assertThat(policy.purpose("subscription-contract").orElseThrow().legalBasis()).isEqualTo(LegalBasis.CONTRACT);
        assertThat(policy.purpose("rights-requests").orElseThrow().legalBasis()).isEqualTo(LegalBasis.LEGAL_OBLIGATION);
        assertThat(policy.purpose("newsletters").orElseThrow().legalBasis()).isEqualTo(LegalBasis.CONSENT);
    }

    @Test
    @DisplayName("R4.2 the marketing purposes of §4.2 exist, on legitimate interest")
    void marketingPurposes() {
        assertThat(policy.purposesIn(PurposeGroup.MARKETING)).extracting(Policy.Purpose::id)
                .containsExactly("loyalty-prospecting", "customer-reviews", "commercial-statistics");
        assertThat(policy.purposesIn(PurposeGroup.MARKETING)).allSatisfy(p -> {
            assertThat(p.legalBasis()).isEqualTo(LegalBasis.LEGITIMATE_INTEREST);
            assertThat(p.legitimateInterest()).isNotNull();
        });
    }

    @Test
    @DisplayName("R4.3 no recipient of the shipped policy is a commercial partner")
    void noPartner() {
        assertThat(policy.recipients()).noneMatch(r -> r.type() == RecipientType.PARTNER);
    }

    @Test
    @DisplayName("R4.4 cookie purposes in two groups: functional exempt, audience and social sharing on consent")
    void cookieGroups() {
        var cookies = policy.cookies().purposes();
        assertThat(cookies).filteredOn(c -> !c.consentRequired()).extracting(Policy.CookiePurpose::id).containsExactly("functional");
        assertThat(cookies).filteredOn(Policy.CookiePurpose::consentRequired).extracting(Policy.CookiePurpose::id)
                .containsExactly("audience", "social-sharing");
        assertThat(cookies).allSatisfy(c -> assertThat(c.maxAge()).isEqualTo(Period.ofMonths(13)));
    }

    @Test
    @DisplayName("R5.1 R5.2 R5.3 R5.4 R5.5 every retention rule of §5 with its start event and duration")
    void retentionRules() {
        var rules = new ArrayList<>(policy.retentionRules());
        assertThat(rules).extracting(Policy.RetentionRule::id).containsExactly("prospects", "active-clients",
                "inactive-clients", "card-references", "navigation-data", "personalisation-cookies", "hosted-production-data");
        assertThat(rules.get(2).then()).as("L4: what an obligation covers goes to the archive").isEqualTo(Outcome.ARCHIVE);
        var cards = rules.remove(3);
        assertThat(cards.startEvents()).containsExactly("debit");
        assertThat(cards.duration()).isEqualTo(Period.ofMonths(13));
        assertThat(cards.categories()).containsExactly("payment-card");
        var prospects = rules.get(0);
        assertThat(prospects.duration()).isEqualTo(Period.ofYears(3));
        assertThat(prospects.startEvents()).containsExactly("last-contact");
        assertThat(rules.get(1).keep()).isEqualTo(Keep.CONTRACT_DURATION);
        assertThat(rules.get(2).duration()).as("L4: 3 years, then the archive").isEqualTo(Period.ofYears(3));
        assertThat(rules.get(2).startEvents()).containsExactly("contract-end", "last-contact");
        assertThat(rules.get(3).duration()).as("L8").isEqualTo(Period.ofMonths(25));
        assertThat(rules.get(4).duration()).isEqualTo(Period.ofMonths(13));
        assertThat(rules.get(5).duration()).isEqualTo(Period.ofDays(30));
        assertThat(rules.get(5).then()).isEqualTo(Outcome.DESTROY);
        assertThat(rules.get(5).startEvents()).containsExactly("termination");
    }

    @Test
    @DisplayName("R6.1 R6.2 R6.3 the roles of §6 with their access mode, categories and purposes")
    void roles() {
        assertThat(policy.roles()).extracting(Policy.Role::id).containsExactly("adv", "development", "cloud-support",
                "support-subcontractor", "security-monitoring-subcontractor", "dpo", "administrator");
        var support = policy.role("support-subcontractor").orElseThrow();
        assertThat(support.kind()).isEqualTo(RoleKind.SUBCONTRACTOR);
        assertThat(support.access()).isEqualTo(AccessMode.ON_CLIENT_SUPPORT_REQUEST);
        assertThat(policy.role("security-monitoring-subcontractor").orElseThrow().access()).isEqualTo(AccessMode.ON_SUPPORT_STAFF_REQUEST);
        assertThat(policy.roles()).filteredOn(r -> !r.categories().isEmpty()).allMatch(Policy.Role::commitmentRequired);
    }

    @Test
    @DisplayName("R7.1 R7.2 data stored in France only; one transfer per social network, each with its safeguard and the instrument it rests on")
    void locationsAndTransfers() {
        assertThat(policy.storage().allowedLocations()).containsExactly("FR");
        assertThat(policy.storage().stores()).allMatch(s -> s.location().equals("FR"));
        assertThat(policy.transfers()).extracting(t -> t.id(), t -> t.recipient(), t -> t.safeguard()).containsExactly(
                tuple("social-facebook", "social-facebook", "adequacy-decision"),
                tuple("social-x", "social-x", "standard-contractual-clauses"),
                tuple("social-linkedin", "social-linkedin", "adequacy-decision"));
        assertThat(policy.transfers()).allSatisfy(t -> {
            assertThat(t.countries()).containsExactly("US");
            assertThat(policy.recipient(t.recipient()).orElseThrow().type()).isEqualTo(Policy.RecipientType.SOCIAL_NETWORK);
        });
        assertThat(policy.transfers().get(0).safeguardReference().en()).contains("2023/1795").contains("Meta Platforms, Inc. is certified");
        assertThat(policy.transfers().get(1).safeguardReference().fr()).contains("2021/914");
        assertThat(policy.purposes().stream().filter(p -> p.id().equals("cookies-social-sharing")).findFirst().orElseThrow().recipients())
                .as("the sharing purpose names each network").containsExactly("social-facebook", "social-x", "social-linkedin");
    }

    @Test
    @DisplayName("R1.2 a purpose without a legal basis is refused, naming file and line")
    void purposeWithoutBasis() {
        String text = with("    legalBasis: consent\n    label: {fr: \"Gestion des abonnements", "    label: {fr: \"Gestion des abonnements");
        assertProblem(text, "  - id: newsletters", "purpose 'newsletters' has no legal basis");
    }

    @Test
    @DisplayName("R1.2 a purpose with two legal bases is refused")
    void purposeWithTwoBases() {
        String text = with("    legalBasis: consent\n    label: {fr: \"Gestion des abonnements",
                "    legalBasis: [consent, contract]\n    label: {fr: \"Gestion des abonnements");
        assertProblem(text, "legalBasis: [consent, contract]", "must have exactly one legal basis");
    }

    @Test
    @DisplayName("R1.2 a legal basis outside the four of §1 is refused")
    void unknownBasis() {
        String text = with("    legalBasis: consent\n    label: {fr: \"Gestion des abonnements",
                "    legalBasis: goodwill\n    label: {fr: \"Gestion des abonnements");
        assertProblem(text, "legalBasis: goodwill", "has legal basis 'goodwill'; expected one of contract, legal-obligation, legitimate-interest, consent");
    }

    @Test
    @DisplayName("R4.3 a commercial partner among the recipients is refused")
    void partnerRefused() {
        String text = with("  - id: authorities\n    type: authority", "  - id: authorities\n    type: partner");
        assertProblem(text, "type: partner", "recipient 'authorities' is a commercial partner");
    }

    @Test
    @DisplayName("R8.1 a policy without a DPO is refused")
    void noDpo() {
        String text = with("dpo:                                          # §2 and §8: délégué à la protection des données\n"
                + "  name: M. Etienne Neuville\n  email: contact@ics-informatique.com\n"
                + "  address: {street: 88 avenue des Ternes, postalCode: \"75017\", city: PARIS, country: FR}\n", "");
        InvalidPolicyException e = refused(text);
        assertThat(e.getMessage()).contains("test-policy.yaml:").contains("no data protection officer");
    }

    @Test
    @DisplayName("R5.6 a data category without a retention rule is refused")
    void categoryWithoutRetention() {
        String text = with("    categories: [navigation]\n    start: [collection]", "    categories: []\n    start: [collection]");
        assertProblem(text, "  - id: navigation                            # §3.4", "data category 'navigation' has no retention rule");
    }

    @Test
    @DisplayName("R1.1 an unknown reference is refused at the line that makes it")
    void unknownReference() {
        String text = with("    categories: [identity, contact, orders]\n    recipients: [internal-services]\n  - id: newsletters",
                "    categories: [identity, contact, ordres]\n    recipients: [internal-services]\n  - id: newsletters");
        assertProblem(text, "categories: [identity, contact, ordres]", "purpose 'orders' names unknown data category 'ordres'");
    }

    @Test
    @DisplayName("R1.1 durations must be ISO 8601 and start events known")
    void badDurationAndEvent() {
        String text = with("    start: [last-contact]\n    duration: P3Y", "    start: [last-call]\n    duration: 3 years");
        InvalidPolicyException e = refused(text);
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(lineOf(text, "duration: 3 years"));
            assertThat(p.message()).contains("must be an ISO 8601 duration such as P3Y");
        });
    }

    @Test
    @DisplayName("R1.1 an unknown start event is refused")
    void unknownEvent() {
        String text = with("    start: [last-contact]\n    duration: P3Y", "    start: [last-call]\n    duration: P3Y");
        assertProblem(text, "start: [last-call]", "counts from unknown event 'last-call'");
    }

    @Test
    @DisplayName("R1.1 a misspelt key and a duplicate id are refused")
    void typosAndDuplicates() {
        String text = with("  - id: customer-reviews\n", "  - id: customer-reviews\n    legalbasis: consent\n");
        assertProblem(text, "legalbasis: consent", "unknown key 'legalbasis' in purpose 'customer-reviews'");
        String duplicate = with("  - id: customer-reviews\n", "  - id: orders\n");
        assertProblem(duplicate, "  - id: orders\n    group: marketing", "purpose 'orders' is declared twice");
    }

    @Test
    @DisplayName("R4.5 a purpose id longer than a caller may name is refused")
    void purposeIdTooLong() {
        String id = "customer-reviews-" + "x".repeat(48);
        String text = with("  - id: customer-reviews\n", "  - id: " + id + "\n");
        assertProblem(text, "  - id: " + id, "purpose id '" + id + "' is longer than 64 characters");
    }

    @Test
    @DisplayName("R7.1 a data store outside the allowed locations is refused")
    void storeOutsideAllowedLocation() {
        String text = with("    - id: backups\n      location: FR", "    - id: backups\n      location: US");
        assertProblem(text, "location: US", "data store 'backups' is in 'US', which is not an allowed location");
    }

    @Test
    @DisplayName("R7.1 an allowed location outside the EU is refused")
    void allowedLocationOutsideEu() {
        String text = with("  allowedLocations: [FR]", "  allowedLocations: [FR, US]");
        assertProblem(text, "allowedLocations: [FR, US]", "allowed storage location 'US' is outside the European Union");
    }

    @Test
    @DisplayName("R7.2 a social network's transfer out of the EEA without a safeguard is refused, naming its path, file and line")
    void transferWithoutSafeguard() {
        String text = with("    safeguard: standard-contractual-clauses\n", "");
        assertProblem(text, "  - id: social-x\n    recipient: social-x",
                "transfers[social-x].safeguard: transfer 'social-x' leaves the EEA without a safeguard");
        String unknown = with("    safeguard: standard-contractual-clauses\n", "    safeguard: trust-us\n");
        assertProblem(unknown, "safeguard: trust-us", "transfers[social-x].safeguard: transfer 'social-x' names unknown safeguard 'trust-us'");
    }

    @Test
    @DisplayName("R4.4 an audience cookie exempt from consent is refused")
    void audienceCookieWithoutConsent() {
        String text = with("      purpose: cookies-audience\n      consentRequired: true", "      purpose: cookies-audience\n      consentRequired: false");
        assertThat(refused(text).problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(lineOf(text, "      purpose: cookies-audience\n      consentRequired: false") + 1);
            assertThat(p.message()).contains("cookie purpose 'audience' is exempt from consent");
        });
    }

    @Test
    @DisplayName("R6.1 a staff role reaching personal data without a confidentiality commitment is refused")
    void roleWithoutCommitment() {
        String text = with("  - id: adv\n    kind: staff\n    access: individual-grant\n    commitmentRequired: true",
                "  - id: adv\n    kind: staff\n    access: individual-grant\n    commitmentRequired: false");
        assertProblem(text, "commitmentRequired: false", "role 'adv' reaches personal data without a confidentiality commitment");
    }

    @Test
    @DisplayName("R1.1 a file that is not YAML, or empty, is refused with a clear message")
    void notYaml() {
        InvalidPolicyException broken = refused("format: charte-policy/1\nversion: [1.2\n");
        assertThat(broken.getMessage()).contains("test-policy.yaml:").contains("not valid YAML");
        assertThat(refused("").getMessage()).contains("the file is empty");
        assertThat(refused("- a\n- b\n").getMessage()).contains("the policy file must be a mapping");
    }

    @Test
    @DisplayName("R1.1 every problem of a file is reported at once, not only the first")
    void allProblemsAtOnce() {
        String text = with("    type: authority", "    type: partner").replace("  allowedLocations: [FR]", "  allowedLocations: [FR, US]");
        List<PolicyProblem> problems = refused(text).problems();
        assertThat(problems).extracting(PolicyProblem::message)
                .anyMatch(m -> m.contains("commercial partner"))
                .anyMatch(m -> m.contains("outside the European Union"));
    }

    @Test
    @DisplayName("R5.4 a cookie living longer than 13 months is refused")
    void cookieMaxAge() {
        String text = with("      consentRequired: true\n      maxAge: P13M\n      label: {fr: Mesure", "      consentRequired: true\n      maxAge: P25M\n      label: {fr: Mesure");
        assertProblem(text, "maxAge: P25M", "cookie purpose 'audience' lives longer than 13 months");
    }

    @Test
    @DisplayName("L4 an archiving rule needs the archive section's legal obligations")
    void archiveNeedsObligation() {
        String shipped = PolicyFixtures.shipped();
        String text = shipped.substring(0, shipped.indexOf("archive:     ")) + shipped.substring(shipped.indexOf("recipients:    "));
        assertProblem(text, "  - id: inactive-clients", "retention rule 'inactive-clients' archives data, so it must name the legal obligation");
    }

    @Test
    @DisplayName("L4 the archive's obligations: accounting 10 years, tax 6 years, limitation 5 years, each with its reference, records, purpose and roles")
    void archiveObligations() {
        assertThat(policy.archive()).extracting(Policy.Obligation::id).containsExactly("accounting", "tax", "limitation");
        var accounting = policy.obligation("accounting").orElseThrow();
        assertThat(accounting.duration()).isEqualTo(Period.ofYears(10));
        assertThat(accounting.reference()).contains("L123-22");
        assertThat(accounting.start()).isEqualTo("document-date");
        assertThat(accounting.records()).containsExactly("invoice", "payment");
        assertThat(accounting.purpose()).isEqualTo("legal-obligations");
        assertThat(accounting.roles()).containsExactly("adv", "dpo");
        assertThat(policy.obligation("tax").orElseThrow().duration()).isEqualTo(Period.ofYears(6));
        var limitation = policy.obligation("limitation").orElseThrow();
        assertThat(limitation.duration()).isEqualTo(Period.ofYears(5));
        assertThat(limitation.start()).isEqualTo("contract-end");
        assertThat(limitation.records()).containsExactly("subscription", "order");
        assertThat(policy.purpose("legal-obligations").orElseThrow().legalBasis()).isEqualTo(LegalBasis.LEGAL_OBLIGATION);
    }

    @Test
    @DisplayName("L4 every reference of an archive obligation is checked: record type, role, purpose, start, duration")
    void archiveReferences() {
        assertProblem(with("    records: [subscription, order]", "    records: [subscription, parcel]"), "    records: [subscription, parcel]",
                "archive obligation 'limitation' names unknown record type 'parcel'");
        assertProblem(with("    reference: LPF art. L102 B\n    duration: P6Y", "    reference: LPF art. L102 B\n    duration: P6Q"),
                "    duration: P6Q", "");
        assertProblem(with("    duration: P5Y\n    start: contract-end", "    duration: P5Y\n    start: moon-phase"), "    start: moon-phase",
                "archive obligation 'limitation' counts from unknown event 'moon-phase'");
        assertProblem(with("    records: [subscription, order]\n    categories: [identity, contact, subscriptions, orders]\n    purpose: legal-obligations",
                "    records: [subscription, order]\n    categories: [identity, contact, subscriptions, orders]\n    purpose: billing"),
                "    purpose: billing", "archive obligation 'limitation' is reached for purpose 'billing', which does not rest on a legal obligation");
        String unknownRole = with("    purpose: legal-obligations\n    roles: [adv, dpo]\n\nrecipients:",
                "    purpose: legal-obligations\n    roles: [adv, cashier]\n\nrecipients:");
        assertProblem(unknownRole, "    roles: [adv, cashier]", "archive obligation 'limitation' names unknown role 'cashier'");
        String noPurpose = with("    purposes: [rights-requests, compliance-checks, legal-obligations]", "    purposes: [rights-requests, compliance-checks]");
        assertThat(refused(noPurpose).getMessage()).contains("names role 'dpo', which may not use purpose 'legal-obligations'");
    }

    @Test
    @DisplayName("R9.5 a rights-request channel must be one Charte knows")
    void unknownChannel() {
        String text = with("  channels: [web, post, email]", "  channels: [post, pigeon]");
        assertThat(refused(text).getMessage()).contains("unknown rights-request channel 'pigeon'");
    }

    @Test
    @DisplayName("R1.1 a misspelt key is reported once, naming the element by its id")
    void typoReportedOnce() {
        String text = with("  - id: customer-reviews\n", "  - id: customer-reviews\n    legalbasis: consent\n");
        assertThat(refused(text).problems()).filteredOn(p -> p.message().contains("legalbasis")).hasSize(1);
    }
}
