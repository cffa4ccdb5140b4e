package org.charte.policy.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.common.PageController;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.Policy;
import org.charte.policy.PolicyClauses;
import org.charte.policy.PolicyDiff;
import org.charte.policy.PolicyVersion;
import org.charte.policy.PolicyView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The versions of the privacy policy Charte knows, and what changed between two of them, clause by
 * clause, with each change's reason and source (L10). Public, in French and English.
 */
@PageController
class PolicyVersionPages {

    /** A UUID's text is 36 characters; anything longer is not a version id (checked before the database). */
    private static final int MAX_ID = 36;

    private final CurrentPolicy current;
    private final Clock clock;
    private final Map<String, PolicyDiff.Comparison> comparisons = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PolicyDiff.Comparison> eldest) {
            return size() > 32;
        }
    });

    PolicyVersionPages(CurrentPolicy current, Clock clock) {
        this.current = current;
        this.clock = clock;
    }

    /** Where a version stands today: in force, to come, or replaced (the newest version whose date has come is in force). */
    enum Standing { IN_FORCE, UPCOMING, REPLACED }

    record Row(PolicyVersion version, Standing standing, boolean running, @Nullable PolicyVersion previous, int changes, boolean material) {}

    @GetMapping({"/politique-de-confidentialite/versions", "/en/privacy-policy/versions"})
    String versions(Locale locale, Model model) {
        List<PolicyVersion> versions = current.versions();
        LocalDate today = LocalDate.now(clock);
        PolicyVersion inForce = inForce(versions, today);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            PolicyVersion version = versions.get(i);
            PolicyVersion previous = i + 1 < versions.size() ? versions.get(i + 1) : null;
            Policy.Changes changes = current.load(version.id()).map(Policy::changes).orElse(null);
            Standing standing = version.effectiveDate().isAfter(today) ? Standing.UPCOMING
                    : inForce != null && inForce.id().equals(version.id()) ? Standing.IN_FORCE : Standing.REPLACED;
            rows.add(new Row(version, standing, version.id().equals(current.version().id()), previous,
                    changes == null ? 0 : changes.items().size(), changes != null && changes.material()));
        }
        model.addAttribute("v", new PolicyView(current.policy(), locale));
        model.addAttribute("rows", rows);
        model.addAttribute("versions", versions);
        model.addAttribute("switchTo", english(locale) ? "/politique-de-confidentialite/versions" : "/en/privacy-policy/versions");
        return "policy/versions";
    }

    @GetMapping("/politique-de-confidentialite/versions/comparer")
    String comparer(@RequestParam(name = "de", required = false) @Nullable String from,
            @RequestParam(name = "a", required = false) @Nullable String to, Locale locale, Model model) {
        return compare(from, to, locale, model);
    }

    @GetMapping("/en/privacy-policy/versions/compare")
    String compareEn(@RequestParam(name = "from", required = false) @Nullable String from,
            @RequestParam(name = "to", required = false) @Nullable String to, Locale locale, Model model) {
        return compare(from, to, locale, model);
    }

    private String compare(@Nullable String fromId, @Nullable String toId, Locale locale, Model model) {
        List<PolicyVersion> versions = current.versions();
        PolicyVersion to = toId == null ? (versions.isEmpty() ? null : versions.getFirst()) : version(toId).orElse(null);
        PolicyVersion from = fromId == null ? older(versions, to) : version(fromId).orElse(null);
        if (from == null || to == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such policy version");
        }
        Policy before = current.load(from.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such policy version"));
        Policy after = current.load(to.id()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such policy version"));
        Policy.Changes declared = after.changes() != null && after.changes().from().equals(before.version()) ? after.changes() : null;
        String key = from.sha256() + ":" + to.sha256() + ":" + locale.getLanguage();
        PolicyDiff.Comparison comparison = comparisons.computeIfAbsent(key, k -> PolicyDiff.compare(
                PolicyClauses.of(before, from, locale), PolicyClauses.of(after, to, locale), declared));
        model.addAttribute("v", new PolicyView(after, locale));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("versions", versions);
        model.addAttribute("comparison", comparison);
        model.addAttribute("switchTo", english(locale)
                ? "/politique-de-confidentialite/versions/comparer?de=" + from.id() + "&a=" + to.id()
                : "/en/privacy-policy/versions/compare?from=" + from.id() + "&to=" + to.id());
        return "policy/compare";
    }

    private Optional<PolicyVersion> version(String id) {
        if (id.length() > MAX_ID) {
            return Optional.empty();
        }
        try {
            return current.find(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The version listed just after {@code version} (the one before it), if any. */
    private static @Nullable PolicyVersion older(List<PolicyVersion> versions, @Nullable PolicyVersion version) {
        if (version == null) {
            return null;
        }
        for (int i = 0; i + 1 < versions.size(); i++) {
            if (versions.get(i).id().equals(version.id())) {
                return versions.get(i + 1);
            }
        }
        return null;
    }

    private static @Nullable PolicyVersion inForce(List<PolicyVersion> versions, LocalDate today) {
        return versions.stream().filter(v -> !v.effectiveDate().isAfter(today)).findFirst().orElse(null);
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }
}
