package org.charte.access.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.casbin.jcasbin.main.Enforcer;
import org.charte.access.AccessRequest;
import org.charte.access.Decision;
import org.charte.access.ResourceRef;
import org.charte.policy.Policy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One access decision, in process, with the facts already gathered (the database lookups that
 * gather them are not part of this number): Charte's rule {@link AccessRules#decide} beside
 * jCasbin's {@code Enforcer.enforce} on the same data expressed as an RBAC model (see
 * {@link DecisionFixture}). Each call decides the next request of a mixed set (allowed and
 * denied, staff and subcontractor, a restricted person and an objection), round robin, so a score
 * is per decision over the mix. Charte's side includes what the decision point adds per decision
 * for people's rights (GDPR Art. 18 and 21): reading the person's limits from the in-memory copy
 * (a hash-map lookup among 10,000 people who exercised a right), as {@link ProcessingLimits#of}
 * does between two background polls, never the database.
 *
 * <p>The set-up fails, and the run with it, unless both engines give every request the answer the
 * fixture expects. Run by {@code bench/run decision}; the modes, times and forks are set there.
 */
public class DecisionBenchmark {

    @State(Scope.Thread)
    public static class Requests {

        Policy policy;
        Instant now;
        AccessRequest[] requests;
        AccessRules.Facts[] facts;
        Enforcer enforcer;
        Object[][] casbinRequests;
        Map<UUID, SubjectLimits> limits;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            DecisionFixture fixture = new DecisionFixture();
            int n = fixture.cases.size();
            policy = fixture.policy;
            now = DecisionFixture.NOW;
            enforcer = fixture.casbin();
            limits = new HashMap<>(fixture.limits);
            Random random = new Random(42);
            for (int i = 0; i < 10_000; i++) {
                limits.put(new UUID(random.nextLong(), random.nextLong()), new SubjectLimits(random.nextBoolean(),
                        fixture.limitPurposes.allowedWhileRestricted(), Set.of("loyalty-prospecting")));
            }

            requests = new AccessRequest[n];
            facts = new AccessRules.Facts[n];
            casbinRequests = new Object[n][];
            List<String> disagreements = new ArrayList<>();
            int allowed = 0;
            for (int i = 0; i < n; i++) {
                DecisionFixture.Case c = fixture.cases.get(i);
                requests[i] = c.request();
                facts[i] = c.facts();
                casbinRequests[i] = c.casbinRequest();
                Decision charte = fixture.charte(i);
                boolean casbin = enforcer.enforce(casbinRequests[i]);
                if (charte.allowed() != c.allowed() || casbin != c.allowed()) {
                    disagreements.add(c.name() + ": expected " + (c.allowed() ? "allow" : "deny") + ", Charte "
                            + (charte.allowed() ? "allows" : "denies (" + charte.reason() + ")") + ", jCasbin "
                            + (casbin ? "allows" : "denies"));
                }
                allowed += c.allowed() ? 1 : 0;
            }
            if (!disagreements.isEmpty()) {
                throw new IllegalStateException("the engines do not give the expected answers:\n  "
                        + String.join("\n  ", disagreements));
            }
            System.out.printf("%n%d requests (%d allowed, %d denied), same answers from both engines; jCasbin holds %s%n",
                    n, allowed, n - allowed, DecisionFixture.describe(enforcer));
        }

        int next() {
            int i = next;
            next = i + 1 == requests.length ? 0 : i + 1;
            return i;
        }
    }

    @Benchmark
    public Decision charte(Requests r) {
        int i = r.next();
        AccessRequest request = r.requests[i];
        AccessRules.Facts facts = r.facts[i];
        SubjectLimits limits = SubjectLimits.NONE;
        if (request.resource().type() == ResourceRef.Type.SUBJECT) {
            limits = r.limits.getOrDefault(request.resource().id(), SubjectLimits.NONE);
        }
        return AccessRules.decide(request, new AccessRules.Facts(facts.actor(), facts.commitmentSigned(), facts.subcontractor(),
                facts.grants(), facts.token(), limits), r.policy, r.now);
    }

    @Benchmark
    public boolean jcasbin(Requests r) {
        int i = r.next();
        return r.enforcer.enforce(r.casbinRequests[i]);
    }
}
