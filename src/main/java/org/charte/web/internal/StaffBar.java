package org.charte.web.internal;

import java.util.List;
import java.util.Optional;
import org.charte.common.BackofficeEntries;
import org.charte.common.UrlRules;
import org.springframework.http.HttpMethod;

/**
 * The staff's navigation bar (L10), one per role: the modules' back-office entries that the role may
 * open, decided by the URL rule that guards each page (as the security configuration applies it) and
 * by what the page itself asks of a role (its module says so with the entry). A link in the bar never
 * leads to a refusal; a page the role may use is in the bar or one click from a page that is.
 */
final class StaffBar {

    /** One link of the bar; {@code current} marks the entry the page being shown belongs to. */
    record Link(String path, String labelKey, boolean current) {}

    private final List<UrlRules.Rule> rules;
    private final List<BackofficeEntries.Entry> entries;

    StaffBar(List<UrlRules.Rule> rules, List<BackofficeEntries.Entry> entries) {
        this.rules = List.copyOf(rules);
        this.entries = List.copyOf(entries);
    }

    /** Whether a page at this path shows the bar: one whose door asks for a person past the second factor. */
    boolean shownOn(String path) {
        if (!path.equals("/backoffice") && !path.startsWith("/backoffice/")) {
            return false;
        }
        Optional<UrlRules.Rule> rule = UrlRules.deciding(rules, HttpMethod.GET, path);
        // No module's rule: the fallback, the back office for a person past the second factor.
        return rule.map(r -> r.who() == UrlRules.Who.SIGNED_IN || r.who() == UrlRules.Who.ROLES).orElse(true);
    }

    /**
     * Whether a person past the second factor with this policy role may open the entry; one whose
     * commitment is still to sign (their role requires it) opens no page the decision point decides.
     */
    boolean opens(String role, boolean commitmentToSign, BackofficeEntries.Entry entry) {
        boolean door = UrlRules.deciding(rules, HttpMethod.GET, entry.path()).map(rule -> rule.admitsStaff(role)).orElse(true);
        return door && entry.servesRole().test(role) && !(entry.decided() && commitmentToSign);
    }

    /** The bar of a person, the entry that holds {@code path} (the longest that starts it) marked as current. */
    List<Link> linksFor(String role, boolean commitmentToSign, String path) {
        List<BackofficeEntries.Entry> open = entries.stream().filter(entry -> opens(role, commitmentToSign, entry)).toList();
        String current = open.stream().map(BackofficeEntries.Entry::path)
                .filter(p -> path.equals(p) || path.startsWith(p + "/"))
                .reduce("", (a, b) -> b.length() > a.length() ? b : a);
        return open.stream().map(entry -> new Link(entry.path(), entry.labelKey(), entry.path().equals(current))).toList();
    }
}
