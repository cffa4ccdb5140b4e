package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest;
import org.charte.access.Decision;
import org.charte.access.Grant;
import org.charte.access.ResourceRef;
import org.charte.access.StaffMember;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Restriction and objection as the access rule applies them, and the purposes they concern, from the policy alone. */
class ProcessingLimitsRulesTests {

    static final Policy POLICY = PolicyLoader.loadDefault();
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final UUID CLIENT = UUID.fromString("0190a5e2-7c3b-7def-8abc-000000000001");
    static final LimitPurposes PURPOSES = LimitPurposes.of(POLICY, List.of("unpaid-litigation"));

    final StaffMember adv = new StaffMember(UUID.randomUUID(), "adv", "ADV", "adv", null, true, false);

    Grant grant(String purpose, Set<String> categories) {
        return new Grant(UUID.randomUUID(), adv.id(), Grant.Kind.INDIVIDUAL, purpose, categories, List.of(ResourceRef.subject(CLIENT)),
                NOW.minusSeconds(3600), NOW.plusSeconds(3600), UUID.randomUUID(), NOW.minusSeconds(3600), "test", null, null, null, null, null);
    }

    Decision decide(AccessRequest.Action action, String purpose, SubjectLimits limits, Grant... grants) {
        AccessRequest request = new AccessRequest(adv.id(), purpose, action, Set.of("identity"), ResourceRef.subject(CLIENT));
        return AccessRules.decide(request, new AccessRules.Facts(adv, true, null, List.of(grants), limits), POLICY, NOW);
    }

    static SubjectLimits restricted() {
        return new SubjectLimits(true, PURPOSES.allowedWhileRestricted(), Set.of());
    }

    @Test
    @DisplayName("L5 a restricted person's data is refused for every purpose but those Art. 18(2) allows, even under a grant, reason 'restricted'")
    void restrictionRefusesProcessing() {
        Grant service = grant("customer-service", Set.of("identity"));
        assertThat(decide(AccessRequest.Action.READ, "customer-service", SubjectLimits.NONE, service).allowed()).isTrue();
        for (AccessRequest.Action action : AccessRequest.Action.values()) {
            if (action == AccessRequest.Action.OBJECT) {
                continue; // recording an objection only stops processing: see objectionUnderRestriction
            }
            Decision decision = decide(action, "customer-service", restricted(), service);
            assertThat(decision.allowed()).as(action.name()).isFalse();
            assertThat(decision.reason()).startsWith("restricted:");
        }
    }

    @Test
    @DisplayName("L5 R9.9 an objection or a withdrawal (action OBJECT) is recordable under a restriction, a hold or an earlier objection, under a grant; "
            + "never without one, and no other action passes")
    void objectionUnderRestriction() {
        Grant service = grant("customer-service", Set.of("identity"));
        SubjectLimits kept = new SubjectLimits(false, Set.of(), Set.of("customer-service"), Set.of("legal-obligations"));
        for (SubjectLimits limits : List.of(restricted(), kept)) {
            assertThat(decide(AccessRequest.Action.OBJECT, "customer-service", limits, service).allowed()).isTrue();
            assertThat(decide(AccessRequest.Action.WRITE, "customer-service", limits, service).allowed()).isFalse();
            assertThat(decide(AccessRequest.Action.OBJECT, "customer-service", limits).reason())
                    .isEqualTo("no grant in force covers this resource for this purpose and these categories");
        }
    }

    @Test
    @DisplayName("L5 while restricted, legal claims (unpaid-litigation) stay allowed under their grant; nothing is allowed without one")
    void legalClaimsStayAllowed() {
        assertThat(decide(AccessRequest.Action.READ, "unpaid-litigation", restricted(), grant("unpaid-litigation", Set.of("identity")))
                .allowed()).isTrue();
        assertThat(decide(AccessRequest.Action.READ, "unpaid-litigation", restricted()).reason())
                .isEqualTo("no grant in force covers this resource for this purpose and these categories");
    }

    @Test
    @DisplayName("L5 restriction exemptions are derived from the policy: legal obligations (rights-requests, the archive's legal-obligations) and legal claims, not compliance-checks")
    void exemptionsFromPolicy() {
        // legal-obligations (the intermediate archive's purpose, L4) came with the retention module: a legal obligation too.
        assertThat(PURPOSES.allowedWhileRestricted()).containsExactlyInAnyOrder("rights-requests", "legal-obligations", "unpaid-litigation");
        assertThatThrownBy(() -> LimitPurposes.of(POLICY, List.of("newsletters")))
                .hasMessageContaining("'newsletters' cannot serve legal claims");
        assertThatThrownBy(() -> LimitPurposes.of(POLICY, List.of("no-such-purpose")))
                .hasMessageContaining("'no-such-purpose' is not a purpose of the policy in force");
    }

    @Test
    @DisplayName("R1.3 L5 direct marketing is the marketing group plus consent-based service purposes; other legitimate interests need a motive")
    void objectionPurposesFromPolicy() {
        assertThat(PURPOSES.directMarketing())
                .containsExactlyInAnyOrder("loyalty-prospecting", "customer-reviews", "commercial-statistics", "newsletters");
        assertThat(PURPOSES.needingMotive()).containsExactlyInAnyOrder("satisfaction-surveys", "unpaid-litigation", "compliance-checks");
    }

    @Test
    @DisplayName("R1.3 an upheld objection refuses its purpose for that person, reason 'objection', and leaves other purposes alone")
    void objectionRefusesItsPurpose() {
        SubjectLimits objected = new SubjectLimits(false, PURPOSES.allowedWhileRestricted(), Set.of("loyalty-prospecting"));
        Decision refused = decide(AccessRequest.Action.READ, "loyalty-prospecting", objected, grant("loyalty-prospecting", Set.of("identity")));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reason()).startsWith("objection:");
        assertThat(decide(AccessRequest.Action.READ, "customer-service", objected, grant("customer-service", Set.of("identity"))).allowed())
                .isTrue();
    }

    @Test
    @DisplayName("L4 a person whom only a legal hold keeps is refused for every purpose but the hold's, even under a grant, reason 'kept-for-obligation'")
    void keptOnlyForTheHold() {
        SubjectLimits kept = new SubjectLimits(false, PURPOSES.allowedWhileRestricted(), Set.of(), Set.of("unpaid-litigation", "rights-requests"));
        Decision marketing = decide(AccessRequest.Action.READ, "loyalty-prospecting", kept, grant("loyalty-prospecting", Set.of("identity")));
        assertThat(marketing.allowed()).isFalse();
        assertThat(marketing.reason()).startsWith("kept-for-obligation:");
        assertThat(decide(AccessRequest.Action.READ, "customer-service", kept, grant("customer-service", Set.of("identity"))).allowed()).isFalse();
        assertThat(decide(AccessRequest.Action.READ, "unpaid-litigation", kept, grant("unpaid-litigation", Set.of("identity"))).allowed())
                .as("the hold's purpose, under its grant").isTrue();
        assertThat(decide(AccessRequest.Action.READ, "unpaid-litigation", kept).allowed()).as("still a grant needed").isFalse();
    }

    @Test
    @DisplayName("L5 limits concern a person: a hosted database resource is left to the other rules")
    void onlyPersons() {
        AccessRequest request = new AccessRequest(adv.id(), "customer-service", AccessRequest.Action.READ, Set.of("identity"),
                ResourceRef.hostedDatabase(CLIENT));
        assertThat(restricted().refuse(request)).isNull();
    }
}
