package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.charte.access.AccessRequest;
import org.charte.access.Decision;
import org.charte.access.Grant;
import org.charte.access.ResourceRef;
import org.charte.access.StaffMember;
import org.charte.access.Subcontractor;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The access rule alone, without Spring or a database: one test per way in or out. */
class AccessRulesTests {

    static final Policy POLICY = PolicyLoader.loadDefault();
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final UUID CLIENT = UUID.fromString("0190a5e2-7c3b-7def-8abc-000000000001");
    static final UUID OTHER_CLIENT = UUID.fromString("0190a5e2-7c3b-7def-8abc-000000000002");

    final StaffMember adv = new StaffMember(UUID.randomUUID(), "adv", "ADV", "adv", null, true, false);

    Grant grant(StaffMember to, String purpose, Set<String> categories, UUID subject, Instant until) {
        return new Grant(UUID.randomUUID(), to.id(), Grant.Kind.INDIVIDUAL, purpose, categories, List.of(ResourceRef.subject(subject)),
                NOW.minusSeconds(3600), until, UUID.randomUUID(), NOW.minusSeconds(3600), "test", null, null, null, null, null);
    }

    static AccessRequest read(StaffMember who, String purpose, Set<String> categories, UUID subject) {
        return new AccessRequest(who.id(), purpose, AccessRequest.Action.READ, categories, ResourceRef.subject(subject));
    }

    Decision decide(AccessRequest request, StaffMember actor, boolean signed, Subcontractor company, Grant... grants) {
        return AccessRules.decide(request, new AccessRules.Facts(actor, signed, company, List.of(grants)), POLICY, NOW);
    }

    @Test
    @DisplayName("R6.1 a grant in force for this purpose, these categories and this person allows the access")
    void allowedByGrant() {
        Grant grant = grant(adv, "customer-service", Set.of("identity", "contact"), CLIENT, NOW.plusSeconds(3600));
        Decision decision = decide(read(adv, "customer-service", Set.of("identity"), CLIENT), adv, true, null, grant);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.grantId()).isEqualTo(grant.id());
    }

    @Test
    @DisplayName("R4.2 R6.1 an aggregate (commercial statistics) is read by a role serving the purpose, commitment signed, without a grant; "
            + "nothing else is done to an aggregate, and no other role reads it")
    void aggregate() {
        AccessRequest counts = new AccessRequest(adv.id(), "commercial-statistics", AccessRequest.Action.READ, Set.of(), ResourceRef.aggregate());
        assertThat(decide(counts, adv, true, null).allowed()).isTrue();
        assertThat(decide(counts, adv, false, null).reason()).isEqualTo("the current confidentiality commitment is not signed");
        AccessRequest write = new AccessRequest(adv.id(), "commercial-statistics", AccessRequest.Action.WRITE, Set.of(), ResourceRef.aggregate());
        assertThat(decide(write, adv, true, null).allowed()).isFalse();
        StaffMember support = new StaffMember(UUID.randomUUID(), "support", "Support", "cloud-support", null, true, false);
        AccessRequest theirs = new AccessRequest(support.id(), "commercial-statistics", AccessRequest.Action.READ, Set.of(), ResourceRef.aggregate());
        assertThat(decide(theirs, support, true, null).allowed()).isFalse();
    }

    @Test
    @DisplayName("R6.1 without a grant for that person, access is refused")
    void noGrantNoAccess() {
        Grant grant = grant(adv, "customer-service", Set.of("identity"), CLIENT, NOW.plusSeconds(3600));
        Decision decision = decide(read(adv, "customer-service", Set.of("identity"), OTHER_CLIENT), adv, true, null, grant);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("no grant in force covers this resource for this purpose and these categories");
    }

    @Test
    @DisplayName("R6.1 an expired grant opens nothing, and says so")
    void expiredGrant() {
        Grant grant = grant(adv, "customer-service", Set.of("identity"), CLIENT, NOW.minusSeconds(1));
        Decision decision = decide(read(adv, "customer-service", Set.of("identity"), CLIENT), adv, true, null, grant);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("the grant for this resource has ended or is revoked");
    }

    @Test
    @DisplayName("R6.1 a grant opens only its categories and its purpose")
    void grantIsLimited() {
        Grant grant = grant(adv, "customer-service", Set.of("identity"), CLIENT, NOW.plusSeconds(3600));
        assertThat(decide(read(adv, "customer-service", Set.of("identity", "contact"), CLIENT), adv, true, null, grant).allowed()).isFalse();
        assertThat(decide(read(adv, "orders", Set.of("identity"), CLIENT), adv, true, null, grant).allowed()).isFalse();
    }

    @Test
    @DisplayName("R4.5 a purpose the role may not use is refused before any grant is looked at")
    void purposeOutsideRole() {
        Decision decision = decide(read(adv, "rights-requests", Set.of("identity"), CLIENT), adv, true, null);
        assertThat(decision.reason()).isEqualTo("role adv may not process data for purpose rights-requests");
    }

    @Test
    @DisplayName("R4.5 a category the purpose does not use is refused, as is an unknown purpose")
    void categoryOutsidePurpose() {
        assertThat(decide(read(adv, "newsletters", Set.of("billing"), CLIENT), adv, true, null).reason())
                .isEqualTo("purpose newsletters does not use category billing");
        assertThat(decide(read(adv, "selling-lists", Set.of("identity"), CLIENT), adv, true, null).reason())
                .isEqualTo("'selling-lists' is not a purpose of the policy");
    }

    @Test
    @DisplayName("R4.5 a category the role may not reach is refused")
    void categoryOutsideRole() {
        StaffMember dev = new StaffMember(UUID.randomUUID(), "dev", "Dev", "development", null, true, false);
        assertThat(decide(read(dev, "customer-service", Set.of("identity"), CLIENT), dev, true, null).reason())
                .isEqualTo("role development may not reach category identity");
    }

    @Test
    @DisplayName("R6.1 R8.2 nobody reaches personal data before signing the current commitment")
    void commitmentFirst() {
        Grant grant = grant(adv, "customer-service", Set.of("identity"), CLIENT, NOW.plusSeconds(3600));
        Decision decision = decide(read(adv, "customer-service", Set.of("identity"), CLIENT), adv, false, null, grant);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo("the current confidentiality commitment is not signed");
    }

    @Test
    @DisplayName("R6.4 a subcontractor's user reaches nothing without a contract with data-protection clauses in force")
    void subcontractorContract() {
        UUID companyId = UUID.randomUUID();
        StaffMember presta = new StaffMember(UUID.randomUUID(), "presta", "Presta", "support-subcontractor", companyId, true, false);
        Grant grant = new Grant(UUID.randomUUID(), presta.id(), Grant.Kind.SUPPORT_TICKET, "customer-service", Set.of("support-requests"),
                List.of(ResourceRef.subject(CLIENT)), NOW.minusSeconds(60), NOW.plusSeconds(3600), UUID.randomUUID(), NOW, "ticket T-1",
                "T-1", null, null, null, null);
        AccessRequest request = read(presta, "customer-service", Set.of("support-requests"), CLIENT);
        Subcontractor inForce = new Subcontractor(companyId, "S", "support-subcontractor", LocalDate.of(2025, 1, 1), LocalDate.of(2027, 1, 1), true, null);
        Subcontractor expired = new Subcontractor(companyId, "S", "support-subcontractor", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1), true, null);
        Subcontractor noClauses = new Subcontractor(companyId, "S", "support-subcontractor", LocalDate.of(2025, 1, 1), null, false, null);
        assertThat(decide(request, presta, true, inForce, grant).allowed()).isTrue();
        assertThat(decide(request, presta, true, expired, grant).reason()).isEqualTo("the subcontractor has no contract with data-protection clauses in force");
        assertThat(decide(request, presta, true, noClauses, grant).allowed()).isFalse();
        assertThat(decide(request, presta, true, null, grant).allowed()).isFalse();
    }

    @Test
    @DisplayName("R6.1 the administrator reaches no personal data at all")
    void administratorReachesNothing() {
        StaffMember admin = new StaffMember(UUID.randomUUID(), "admin", "Admin", "administrator", null, true, false);
        assertThat(decide(read(admin, "customer-service", Set.of("identity"), CLIENT), admin, true, null).allowed()).isFalse();
    }

    static ApiTokens.Token token(String role, Instant revokedAt) {
        return new ApiTokens.Token(UUID.randomUUID(), "website", role, Set.of("subjects:write"), UUID.randomUUID(),
                NOW.minusSeconds(60), null, revokedAt, null);
    }

    static AccessRequest byToken(ApiTokens.Token token, AccessRequest.Action action, String purpose, Set<String> categories) {
        return new AccessRequest(AccessRequest.Actor.token(token.id()), purpose, action, categories, ResourceRef.subject(CLIENT));
    }

    @Test
    @DisplayName("R4.5 recording a new person needs the role's purpose and categories and a signed commitment, but no grant")
    void createNeedsNoGrant() {
        AccessRequest create = new AccessRequest(adv.id(), "loyalty-prospecting", AccessRequest.Action.CREATE,
                Set.of("identity", "contact"), ResourceRef.subject(CLIENT));
        assertThat(decide(create, adv, true, null).allowed()).isTrue();
        assertThat(decide(create, adv, false, null).allowed()).isFalse();
        assertThat(decide(new AccessRequest(adv.id(), "loyalty-prospecting", AccessRequest.Action.CREATE, Set.of("billing"),
                ResourceRef.subject(CLIENT)), adv, true, null).allowed()).isFalse();
    }

    @Test
    @DisplayName("R6.1 adding a record (an order) to a person already recorded needs a grant in force on them for that purpose and "
            + "those categories, as reading does; an integration token still records it by its role")
    void addingToARecordedPersonNeedsAGrant() {
        AccessRequest order = new AccessRequest(adv.id(), "orders", AccessRequest.Action.CREATE, Set.of("orders"), ResourceRef.subject(CLIENT));
        AccessRules.Facts none = new AccessRules.Facts(adv, true, null, List.of()).onRecordedResource();
        Decision refused = AccessRules.decide(order, none, POLICY, NOW);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reason()).isEqualTo(AccessRules.NO_GRANT_TO_ADD);
        Grant billing = grant(adv, "billing", Set.of("billing"), CLIENT, NOW.plusSeconds(3600));
        assertThat(AccessRules.decide(order, new AccessRules.Facts(adv, true, null, List.of(billing)).onRecordedResource(), POLICY, NOW)
                .allowed()).as("a grant for another purpose").isFalse();
        Grant ended = grant(adv, "orders", Set.of("orders"), CLIENT, NOW.minusSeconds(1));
        assertThat(AccessRules.decide(order, new AccessRules.Facts(adv, true, null, List.of(ended)).onRecordedResource(), POLICY, NOW)
                .reason()).isEqualTo("the grant for this resource has ended or is revoked");
        Grant orders = grant(adv, "orders", Set.of("orders"), CLIENT, NOW.plusSeconds(3600));
        Decision allowed = AccessRules.decide(order, new AccessRules.Facts(adv, true, null, List.of(orders)).onRecordedResource(), POLICY, NOW);
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.grantId()).isEqualTo(orders.id());
        assertThat(decide(order, adv, true, null).allowed()).as("a person not yet recorded: nothing to grant").isTrue();

        ApiTokens.Token shop = token("adv", null);
        assertThat(AccessRules.decide(byToken(shop, AccessRequest.Action.CREATE, "orders", Set.of("orders")),
                AccessRules.Facts.ofToken(shop).onRecordedResource(), POLICY, NOW).allowed()).as("a token by its role").isTrue();
    }

    @Test
    @DisplayName("R8.3 R4.5 an integration token records new data within its role, never reads a person's data")
    void tokens() {
        ApiTokens.Token website = token("adv", null);
        assertThat(AccessRules.decide(byToken(website, AccessRequest.Action.CREATE, "loyalty-prospecting", Set.of("identity")),
                AccessRules.Facts.ofToken(website), POLICY, NOW).allowed()).isTrue();
        assertThat(AccessRules.decide(byToken(website, AccessRequest.Action.READ, "customer-service", Set.of("identity")),
                AccessRules.Facts.ofToken(website), POLICY, NOW).reason()).contains("records new data only");
        assertThat(AccessRules.decide(byToken(website, AccessRequest.Action.CREATE, "rights-requests", Set.of("identity")),
                AccessRules.Facts.ofToken(website), POLICY, NOW).allowed()).isFalse();
        ApiTokens.Token revoked = token("adv", NOW.minusSeconds(1));
        assertThat(AccessRules.decide(byToken(revoked, AccessRequest.Action.CREATE, "loyalty-prospecting", Set.of("identity")),
                AccessRules.Facts.ofToken(revoked), POLICY, NOW).reason()).isEqualTo("unknown, revoked or expired token");
    }

    @Test
    @DisplayName("R8.3 R9.1 a person whose identity a rights request verified reads their own data and rectifies their identity and contact, for rights-requests only, and nobody else's")
    void personReachesOwnDataOnly() {
        AccessRequest.Actor person = AccessRequest.Actor.subject(CLIENT);
        Function<AccessRequest, Decision> decide = r -> AccessRules.decide(r, AccessRules.Facts.ofToken(null), POLICY, NOW);
        assertThat(decide.apply(new AccessRequest(person, "rights-requests", AccessRequest.Action.READ, Set.of("identity", "billing"),
                ResourceRef.subject(CLIENT))).allowed()).isTrue();
        assertThat(decide.apply(new AccessRequest(person, "rights-requests", AccessRequest.Action.READ, Set.of("identity"),
                ResourceRef.subject(OTHER_CLIENT))).reason()).isEqualTo("a person reaches their own data only");
        assertThat(decide.apply(new AccessRequest(person, "customer-service", AccessRequest.Action.READ, Set.of("identity"),
                ResourceRef.subject(CLIENT))).allowed()).isFalse();
        assertThat(decide.apply(new AccessRequest(person, "rights-requests", AccessRequest.Action.WRITE, Set.of("identity", "contact"),
                ResourceRef.subject(CLIENT))).allowed()).as("R9.1 rectifying their own identity and contact").isTrue();
        assertThat(decide.apply(new AccessRequest(person, "rights-requests", AccessRequest.Action.WRITE, Set.of("billing"),
                ResourceRef.subject(CLIENT))).allowed()).as("their invoices are not theirs to write").isFalse();
        assertThat(decide.apply(new AccessRequest(person, "rights-requests", AccessRequest.Action.CREATE, Set.of("identity"),
                ResourceRef.subject(CLIENT))).allowed()).isFalse();
        assertThat(decide.apply(new AccessRequest(person, "rights-requests", AccessRequest.Action.WRITE, Set.of("identity"),
                ResourceRef.subject(OTHER_CLIENT))).allowed()).isFalse();
        assertThat(decide.apply(new AccessRequest(person, "rights-requests", AccessRequest.Action.READ, Set.of("hosted-data"),
                ResourceRef.subject(CLIENT))).allowed()).as("a category the purpose does not use").isFalse();
        assertThat(person.typedId()).isEqualTo("subject:" + CLIENT);
    }
}
