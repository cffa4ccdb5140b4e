package org.charte.access.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.charte.policy.LegalBasis;
import org.charte.policy.Policy;

/**
 * Which purposes the rights of restriction and objection concern, derived from the policy's legal
 * bases and groups rather than listed by id, so that a new policy version is covered as it is
 * written. Framework-free.
 *
 * <ul>
 * <li><b>Allowed while restricted</b> (Art. 18(2)): every purpose resting on a legal obligation
 * (handling the person's own rights requests is one, Art. 12; the law is not set aside by a
 * restriction), and the purposes the operator names for legal claims
 * ({@code charte.access.restriction.legal-claims-purposes}, default {@code unpaid-litigation}: the
 * policy's legitimate interest "recovering sums due and defending our rights in court"). Not
 * {@code compliance-checks}: a routine check is not the establishment or defence of a legal claim;
 * once a dispute exists, it is handled as litigation.</li>
 * <li><b>Direct marketing</b> (Art. 21(2)-(3), objection without motive): the policy's
 * {@link Policy#marketingPurposes()}.</li>
 * <li><b>Objection with a motive</b> (Art. 21(1)): the other legitimate-interest purposes, except
 * cookies (the banner and browser settings govern them).</li>
 * </ul>
 */
record LimitPurposes(Set<String> allowedWhileRestricted, Set<String> directMarketing, Set<String> needingMotive) {

    LimitPurposes {
        allowedWhileRestricted = Set.copyOf(allowedWhileRestricted);
        directMarketing = Set.copyOf(directMarketing);
        needingMotive = Set.copyOf(needingMotive);
    }

    /**
     * @throws IllegalStateException naming each legal-claims purpose that the policy does not declare or
     *     that could not serve legal claims (marketing, cookies, consent)
     */
    static LimitPurposes of(Policy policy, List<String> legalClaimsPurposes) {
        Set<String> allowed = new TreeSet<>();
        Set<String> marketing = new TreeSet<>();
        Set<String> motive = new TreeSet<>();
        List<Policy.Purpose> directMarketing = policy.marketingPurposes();
        for (Policy.Purpose purpose : policy.purposes()) {
            if (purpose.legalBasis() == LegalBasis.LEGAL_OBLIGATION) {
                allowed.add(purpose.id());
            }
            if (directMarketing.contains(purpose)) {
                marketing.add(purpose.id());
            } else if (purpose.legalBasis() == LegalBasis.LEGITIMATE_INTEREST && purpose.group() != Policy.PurposeGroup.COOKIES) {
                motive.add(purpose.id());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String id : legalClaimsPurposes) {
            String code = id.strip();
            if (code.isEmpty()) {
                continue;
            }
            Policy.Purpose purpose = policy.purpose(code).orElse(null);
            if (purpose == null) {
                problems.add("'" + code + "' is not a purpose of the policy in force");
            } else if (directMarketing.contains(purpose) || purpose.group() == Policy.PurposeGroup.COOKIES
                    || purpose.legalBasis() == LegalBasis.CONSENT) {
                problems.add("'" + code + "' cannot serve legal claims (marketing, cookies or consent)");
            } else {
                allowed.add(code);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("charte.access.restriction.legal-claims-purposes: " + String.join("; ", problems));
        }
        return new LimitPurposes(allowed, marketing, motive);
    }

}
