package org.charte.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Action;
import org.charte.access.Decision;
import org.charte.access.Grant;
import org.charte.access.ResourceRef;
import org.charte.access.StaffMember;
import org.charte.access.Subcontractor;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;

/**
 * The data both engines decide on, built once: the default policy, four actors with their grants,
 * and a mixed set of requests (allowed and denied, staff and subcontractor), each with the answer
 * it must get. {@link #casbin()} expresses the same data as a jCasbin RBAC model.
 *
 * <p>The actors: an ADV member of staff with ten grants in force (one matches each request of
 * theirs that is allowed); an ADV member who has not signed the confidentiality commitment; a
 * support-subcontractor user whose company has a contract in force, with three ticket grants; and
 * one whose company's contract has ended. Two of the ADV member's clients have exercised a right
 * (GDPR Art. 18 and 21): one is restricted (only legal claims go on), one objected to prospecting;
 * {@link #limits} holds them as the decision point's in-memory copy does.
 */
final class DecisionFixture {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant FROM = NOW.minusSeconds(3600);
    private static final Instant UNTIL = NOW.plusSeconds(8 * 3600);

    /** One request as each engine receives it, and the answer it must get. */
    record Case(String name, AccessRequest request, AccessRules.Facts facts, String[] casbinRequest, boolean allowed) {}

    final Policy policy = PolicyLoader.loadDefault();
    final List<Case> cases = new ArrayList<>();
    /** Every grant of every actor (the grants data both engines hold). */
    private final List<Grant> allGrants = new ArrayList<>();
    /** Actor -> role links that hold (commitment signed; for a subcontractor, a contract in force). */
    private final List<List<String>> roleLinks = new ArrayList<>();
    /** Restrictions and upheld objections by person, as {@link ProcessingLimits} holds them in memory. */
    final Map<UUID, SubjectLimits> limits = new HashMap<>();
    final LimitPurposes limitPurposes = LimitPurposes.of(policy, List.of("unpaid-litigation"));

    DecisionFixture() {
        UUID[] client = new UUID[14];
        for (int i = 0; i < client.length; i++) {
            client[i] = new UUID(0x0190a5e27c3b7defL, 0x8abc000000000000L | i);
        }
        UUID hostedDb = new UUID(0x0190a5e27c3b7defL, 0x8abc0000000000ffL);

        // ADV member of staff, commitment signed, ten grants in force.
        StaffMember adv = staff("adv-1", "adv", null);
        List<Grant> advGrants = List.of(
                grant(adv, "customer-service", Set.of("identity", "contact"), ResourceRef.subject(client[0])),
                grant(adv, "customer-service", Set.of("identity", "contact", "support-requests"), ResourceRef.subject(client[1])),
                grant(adv, "orders", Set.of("identity", "contact", "orders"), ResourceRef.subject(client[2])),
                grant(adv, "billing", Set.of("identity", "contact", "billing"), ResourceRef.subject(client[3])),
                grant(adv, "deliveries", Set.of("identity", "contact", "orders"), ResourceRef.subject(client[4])),
                grant(adv, "subscription-contract", Set.of("identity", "contact", "subscriptions"), ResourceRef.subject(client[5])),
                grant(adv, "unpaid-litigation", Set.of("identity", "billing", "orders"), ResourceRef.subject(client[6])),
                grant(adv, "service-changes", Set.of("contact", "subscriptions"), ResourceRef.subject(client[7])),
                grant(adv, "newsletters", Set.of("contact"), ResourceRef.subject(client[8])),
                grant(adv, "customer-service", Set.of("other-information", "subscriptions"), ResourceRef.subject(client[9])),
                grant(adv, "customer-service", Set.of("identity", "contact"), ResourceRef.subject(client[12])),
                grant(adv, "unpaid-litigation", Set.of("identity", "billing"), ResourceRef.subject(client[12])),
                grant(adv, "loyalty-prospecting", Set.of("identity", "contact"), ResourceRef.subject(client[13])));
        limits.put(client[12], new SubjectLimits(true, limitPurposes.allowedWhileRestricted(), Set.of()));
        limits.put(client[13], new SubjectLimits(false, limitPurposes.allowedWhileRestricted(), Set.of("loyalty-prospecting")));
        AccessRules.Facts advFacts = facts(adv, true, null, advGrants);
        roleLinks.add(List.of(user(adv), adv.role()));
        add("adv allowed, 2nd grant", adv, advFacts, "customer-service", "support-requests", ResourceRef.subject(client[1]), Action.READ, true);
        add("adv allowed, 5th grant", adv, advFacts, "deliveries", "orders", ResourceRef.subject(client[4]), Action.READ, true);
        add("adv allowed, last grant", adv, advFacts, "customer-service", "subscriptions", ResourceRef.subject(client[9]), Action.WRITE, true);
        add("adv allowed, 4th grant", adv, advFacts, "billing", "billing", ResourceRef.subject(client[3]), Action.EXPORT, true);
        add("adv denied, no grant for the resource", adv, advFacts, "customer-service", "identity", ResourceRef.subject(client[11]), Action.READ, false);
        add("adv denied, grant for another purpose", adv, advFacts, "orders", "identity", ResourceRef.subject(client[0]), Action.READ, false);
        add("adv denied, grant without the category", adv, advFacts, "customer-service", "support-requests", ResourceRef.subject(client[0]), Action.READ, false);
        add("adv denied, purpose outside the role", adv, advFacts, "rights-requests", "identity", ResourceRef.subject(client[0]), Action.READ, false);
        add("adv denied, category outside the purpose", adv, advFacts, "newsletters", "billing", ResourceRef.subject(client[8]), Action.READ, false);
        add("adv denied, category outside the role", adv, advFacts, "customer-service", "hosted-data", ResourceRef.subject(client[1]), Action.READ, false);
        add("adv denied, person restricted (Art. 18)", adv, advFacts, "customer-service", "identity", ResourceRef.subject(client[12]), Action.READ, false);
        add("adv allowed, restricted but legal claims (Art. 18(2))", adv, advFacts, "unpaid-litigation", "billing", ResourceRef.subject(client[12]), Action.READ, true);
        add("adv denied, objection upheld (Art. 21)", adv, advFacts, "loyalty-prospecting", "contact", ResourceRef.subject(client[13]), Action.READ, false);

        // ADV member who has not signed the current commitment: their grant opens nothing.
        StaffMember unsigned = staff("adv-2", "adv", null);
        List<Grant> unsignedGrants = List.of(grant(unsigned, "customer-service", Set.of("identity"), ResourceRef.subject(client[0])));
        add("adv denied, commitment not signed", unsigned, facts(unsigned, false, null, unsignedGrants),
                "customer-service", "identity", ResourceRef.subject(client[0]), Action.READ, false);

        // Support subcontractor under a contract in force, three ticket grants.
        Subcontractor inForce = new Subcontractor(UUID.randomUUID(), "Presta", "support-subcontractor",
                LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31), true, null);
        StaffMember presta = staff("presta-1", "support-subcontractor", inForce.id());
        List<Grant> prestaGrants = List.of(
                ticketGrant(presta, Set.of("support-requests", "identity"), ResourceRef.subject(client[0])),
                ticketGrant(presta, Set.of("hosted-data", "hosted-credentials"), ResourceRef.hostedDatabase(hostedDb)),
                ticketGrant(presta, Set.of("support-requests"), ResourceRef.subject(client[2])));
        AccessRules.Facts prestaFacts = facts(presta, true, inForce, prestaGrants);
        roleLinks.add(List.of(user(presta), presta.role()));
        add("subcontractor allowed, ticket grant", presta, prestaFacts, "customer-service", "support-requests", ResourceRef.subject(client[2]), Action.READ, true);
        add("subcontractor allowed, hosted database", presta, prestaFacts, "customer-service", "hosted-data", ResourceRef.hostedDatabase(hostedDb), Action.READ, true);
        add("subcontractor allowed, credentials", presta, prestaFacts, "customer-service", "hosted-credentials", ResourceRef.hostedDatabase(hostedDb), Action.REVEAL_CREDENTIALS, true);
        add("subcontractor denied, category outside the purpose", presta, prestaFacts, "customer-service", "billing", ResourceRef.subject(client[0]), Action.READ, false);
        add("subcontractor denied, no ticket for the resource", presta, prestaFacts, "customer-service", "support-requests", ResourceRef.subject(client[5]), Action.READ, false);

        // Support subcontractor whose company's contract has ended.
        Subcontractor ended = new Subcontractor(UUID.randomUUID(), "Ended", "support-subcontractor",
                LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31), true, null);
        StaffMember former = staff("presta-2", "support-subcontractor", ended.id());
        List<Grant> formerGrants = List.of(ticketGrant(former, Set.of("support-requests"), ResourceRef.subject(client[0])));
        add("subcontractor denied, contract ended", former, facts(former, true, ended, formerGrants),
                "customer-service", "support-requests", ResourceRef.subject(client[0]), Action.READ, false);

        allGrants.addAll(advGrants);
        allGrants.addAll(unsignedGrants);
        allGrants.addAll(prestaGrants);
        allGrants.addAll(formerGrants);
    }

    /** Charte's answer to case {@code i}. */
    Decision charte(int i) {
        Case c = cases.get(i);
        return AccessRules.decide(c.request(), c.facts(), policy, NOW);
    }

    /**
     * The same data as a jCasbin model, in memory: role -> permission on (purpose:category, action)
     * from the policy's roles and purposes ({@code p}), user -> role ({@code g}), and each grant as
     * a user -> purpose:category link in the domain of its resource ({@code g2}). jCasbin has no
     * notion of time, commitment or contract: only grants in force are loaded (all of them are, here)
     * and a user is linked to their role only when their commitment is signed and, for a
     * subcontractor, their company's contract is in force, as a synchronisation would do.
     * The policy gives a role a purpose and categories for every action, hence {@code *}. Likewise a
     * grant link is left out where a restriction or an upheld objection refuses its purpose.
     */
    Enforcer casbin() {
        Model model = Model.newModelFromString("""
                [request_definition]
                r = sub, res, pc, act

                [policy_definition]
                p = sub, pc, act

                [role_definition]
                g = _, _
                g2 = _, _, _

                [policy_effect]
                e = some(where (p.eft == allow))

                [matchers]
                m = r.pc == p.pc && (p.act == "*" || r.act == p.act) && g(r.sub, p.sub) && g2(r.sub, r.pc, r.res)
                """);
        Enforcer enforcer = new Enforcer(model, null, false); // no adapter; no log line per decision

        List<List<String>> permissions = new ArrayList<>();
        for (Policy.Role role : policy.roles()) {
            for (String purposeId : role.purposes()) {
                Policy.Purpose purpose = policy.purpose(purposeId).orElseThrow();
                for (String category : purpose.categories()) {
                    if (role.categories().contains(category)) {
                        permissions.add(List.of(role.id(), purposeId + ":" + category, "*"));
                    }
                }
            }
        }
        enforcer.addPolicies(permissions);
        enforcer.addGroupingPolicies(roleLinks);

        Set<List<String>> grantLinks = new LinkedHashSet<>();
        for (Grant grant : allGrants) {
            if (!grant.activeAt(NOW) || grant.resources().stream().anyMatch(r -> refusedByLimits(r, grant.purpose()))) {
                continue;
            }
            for (String category : grant.categories()) {
                for (ResourceRef resource : grant.resources()) {
                    grantLinks.add(List.of("user:" + grant.granteeId(), grant.purpose() + ":" + category, resource(resource)));
                }
            }
        }
        enforcer.addNamedGroupingPolicies("g2", new ArrayList<>(grantLinks));
        return enforcer;
    }

    private boolean refusedByLimits(ResourceRef resource, String purpose) {
        SubjectLimits l = limits.get(resource.id());
        return l != null && ((l.restricted() && !l.allowedWhileRestricted().contains(purpose)) || l.objected().contains(purpose));
    }

    /** Sizes of the jCasbin data, for the record. */
    static String describe(Enforcer enforcer) {
        return enforcer.getPolicy().size() + " role permissions (p), " + enforcer.getGroupingPolicy().size()
                + " user-role links (g), " + enforcer.getNamedGroupingPolicy("g2").size() + " grant links (g2)";
    }

    private void add(String name, StaffMember actor, AccessRules.Facts facts, String purpose, String category,
            ResourceRef resource, Action action, boolean allowed) {
        AccessRequest request = new AccessRequest(actor.id(), purpose, action, Set.of(category), resource);
        SubjectLimits subjectLimits = resource.type() == ResourceRef.Type.SUBJECT ? limits.getOrDefault(resource.id(), SubjectLimits.NONE)
                : SubjectLimits.NONE;
        facts = new AccessRules.Facts(facts.actor(), facts.commitmentSigned(), facts.subcontractor(), facts.grants(), facts.token(), subjectLimits);
        String[] casbin = {user(actor), resource(resource), purpose + ":" + category,
                action.name().toLowerCase(Locale.ROOT)};
        cases.add(new Case(name, request, facts, casbin, allowed));
    }

    private static StaffMember staff(String login, String role, UUID subcontractorId) {
        return new StaffMember(UUID.nameUUIDFromBytes(login.getBytes()), login, login, role, subcontractorId, true, false);
    }

    private static AccessRules.Facts facts(StaffMember actor, boolean signed, Subcontractor company, List<Grant> grants) {
        return new AccessRules.Facts(actor, signed, company, grants);
    }

    private static Grant grant(StaffMember to, String purpose, Set<String> categories, ResourceRef resource) {
        return new Grant(UUID.randomUUID(), to.id(), Grant.Kind.INDIVIDUAL, purpose, categories, List.of(resource),
                FROM, UNTIL, UUID.randomUUID(), FROM, "bench", null, null, null, null, null);
    }

    private static Grant ticketGrant(StaffMember to, Set<String> categories, ResourceRef resource) {
        return new Grant(UUID.randomUUID(), to.id(), Grant.Kind.SUPPORT_TICKET, "customer-service", categories, List.of(resource),
                FROM, UNTIL, UUID.randomUUID(), FROM, "ticket", "T-1", null, null, null, null);
    }

    private static String user(StaffMember actor) {
        return "user:" + actor.id();
    }

    private static String resource(ResourceRef resource) {
        return resource.code() + ":" + resource.id();
    }
}
