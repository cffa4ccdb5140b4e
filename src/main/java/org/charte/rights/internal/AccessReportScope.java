package org.charte.rights.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.charte.policy.Policy;
import org.charte.policy.Policy.DataCategory;
import org.charte.policy.Policy.Purpose;
import org.charte.policy.Policy.Recipient;
import org.charte.policy.Policy.RetentionRule;
import org.charte.policy.Policy.Transfer;

/**
 * What the access report tells one person of how their data is used (R9.1, GDPR Art. 15(1)(a) to
 * (d) and (g)): not every purpose of the policy, only those that apply to them. A purpose applies
 * when it covers the person's status (prospect, active or inactive client) and uses a category of
 * data Charte holds about them, or when their own records name it (a marketing choice made for it,
 * an access to their data made for it). The categories, their sources, the recipients, the
 * transfers and the retention rules shown follow from those purposes and from the person's status.
 *
 * @param status       the person's status code, as the policy names subject categories
 * @param heldCategories the data categories Charte holds about the person (their records)
 * @param namedPurposes  the purposes the person's records name
 */
record AccessReportScope(Policy policy, String status, Set<String> heldCategories, Set<String> namedPurposes) {

    AccessReportScope {
        heldCategories = Set.copyOf(heldCategories);
        namedPurposes = Set.copyOf(namedPurposes);
    }

    public List<Purpose> purposes() {
        return policy.purposes().stream()
                .filter(p -> p.subjects().contains(status))
                .filter(p -> namedPurposes.contains(p.id()) || p.categories().stream().anyMatch(heldCategories::contains))
                .toList();
    }

    /** The categories held, in the policy's order, with where they come from (Art. 15(1)(g)). */
    public List<DataCategory> categories() {
        return policy.dataCategories().stream().filter(c -> heldCategories.contains(c.id())).toList();
    }

    /** The recipients of the purposes that apply, in the policy's order. */
    public List<Recipient> recipients() {
        Set<String> ids = new LinkedHashSet<>();
        purposes().forEach(p -> ids.addAll(p.recipients()));
        return policy.recipients().stream().filter(r -> ids.contains(r.id())).toList();
    }

    /** The transfers out of the EU those recipients give rise to, for data the person has. */
    public List<Transfer> transfers() {
        List<Purpose> purposes = purposes();
        return policy.transfers().stream()
                .filter(t -> purposes.stream().anyMatch(p -> p.recipients().contains(t.recipient())
                        && t.categories().stream().anyMatch(c -> p.categories().contains(c) && heldCategories.contains(c))))
                .toList();
    }

    /**
     * The retention rules that bound a purpose's data: those of the people the purpose serves, not
     * only of the person's status today (an active client's data is kept, once they are inactive,
     * under the inactive clients' rule).
     */
    public List<RetentionRule> retentionFor(Purpose purpose) {
        List<RetentionRule> rules = new ArrayList<>();
        for (RetentionRule rule : policy.retentionRules()) {
            boolean sameData = rule.categories().stream().anyMatch(purpose.categories()::contains);
            boolean samePeople = rule.subjectCategory() == null || purpose.subjects().contains(rule.subjectCategory());
            if (sameData && samePeople) {
                rules.add(rule);
            }
        }
        return rules;
    }
}
