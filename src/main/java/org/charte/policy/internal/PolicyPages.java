package org.charte.policy.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.charte.common.PageController;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.Policy;
import org.charte.policy.PolicyDocuments;
import org.charte.policy.PolicyVersion;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The public privacy policy (FR, EN) and the Art. 30 register, rendered from the policy in force. */
@PageController
class PolicyPages {

    private final CurrentPolicy current;
    private final Clock clock;

    PolicyPages(CurrentPolicy current, Clock clock) {
        this.current = current;
        this.clock = clock;
    }

    @GetMapping({"/politique-de-confidentialite", "/en/privacy-policy"})
    String privacyPolicy(@RequestParam(name = "version", required = false) @Nullable UUID version, Locale locale, Model model) {
        return render(PolicyDocuments.Document.PRIVACY_POLICY, version, locale, model);
    }

    @GetMapping({"/registre-des-traitements", "/en/record-of-processing-activities"})
    String register(@RequestParam(name = "version", required = false) @Nullable UUID version, Locale locale, Model model) {
        return render(PolicyDocuments.Document.REGISTER, version, locale, model);
    }

    private String render(PolicyDocuments.Document document, @Nullable UUID versionId, Locale locale, Model model) {
        PolicyVersion version = versionId == null ? current.version() : current.find(versionId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such policy version"));
        Policy policy = versionId == null ? current.policy() : current.load(versionId).orElseThrow();
        model.addAllAttributes(PolicyDocuments.model(policy, version, locale));
        model.addAttribute("versions", current.versions());
        model.addAttribute("current", current.version());
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("today", today);
        // L10: until a new version's effective date, the newest version whose date has come is the one in force
        model.addAttribute("inForce", current.versions().stream().filter(v -> !v.effectiveDate().isAfter(today)).findFirst().orElse(null));
        return document.template();
    }
}
