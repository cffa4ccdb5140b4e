package org.charte.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A module's entries in the staff's navigation bar (L10): the back-office pages a member of staff
 * starts from, each with its label's message key. Each module declares its own as a bean in its
 * {@code internal} package, as it declares its {@link UrlRules}; the web module draws one bar per
 * role from them, showing an entry only to a role its module's URL rule lets in. Where the door lets
 * any member of staff in and the page decides inside (a purpose a role must serve, the roles the
 * policy names for campaigns), the entry says which roles the page will serve, by the same rule the
 * page applies: a link in the bar never leads to a refusal.
 */
public interface BackofficeEntries {

    /** Declares this module's entries. */
    void declare(Registry entries);

    /** Every module's entries, in the order of their {@link Entry#rank()}. */
    static List<Entry> collect(List<? extends BackofficeEntries> modules) {
        Registry registry = new Registry();
        modules.forEach(module -> module.declare(registry));
        return registry.entries.stream().sorted((a, b) -> Integer.compare(a.rank(), b.rank())).toList();
    }

    /**
     * One entry: a page (a GET path without variables), the message key of its label, where it stands
     * in the bar (lower first), which roles (as the policy names them: {@code dpo}, {@code adv}) the
     * page itself serves beyond its URL rule, and whether it asks the decision point, which also wants
     * the confidentiality commitment signed where the role requires it (R6.1).
     */
    record Entry(String path, String labelKey, int rank, Predicate<String> servesRole, boolean decided) {}

    /** Where modules declare their entries. */
    final class Registry {

        private final List<Entry> entries = new ArrayList<>();

        Registry() {
        }

        /** A page whose URL rule alone decides who may open it. */
        public void page(int rank, String path, String labelKey) {
            entries.add(new Entry(path, labelKey, rank, role -> true, false));
        }

        /** A page its URL rule lets staff reach, which then serves only the roles {@code servesRole} accepts. */
        public void pageForRoles(int rank, String path, String labelKey, Predicate<String> servesRole) {
            entries.add(new Entry(path, labelKey, rank, servesRole, false));
        }

        /**
         * A page its URL rule lets staff reach, which then asks the decision point: it serves only the
         * roles {@code servesRole} accepts, and a person whose role requires the commitment once signed.
         */
        public void decidedPage(int rank, String path, String labelKey, Predicate<String> servesRole) {
            entries.add(new Entry(path, labelKey, rank, servesRole, true));
        }
    }
}
