package org.charte.subjects.internal;

import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.StaffDirectory;
import org.charte.common.Days;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The DPO's page of accepted false positives (R3.6): the list, a form to accept a phrase, one to remove each. */
@PageController
class ScreeningPages {


    private final AcceptedPhrases phrases;
    private final CurrentActor actors;
    private final StaffDirectory staff;

    ScreeningPages(AcceptedPhrases phrases, CurrentActor actors, StaffDirectory staff) {
        this.phrases = phrases;
        this.actors = actors;
        this.staff = staff;
    }

    /** A line of the page: dates in Paris time, people by login. */
    record Row(UUID id, String phrase, String reason, String addedAt, String addedBy, boolean inForce, @Nullable String removedAt,
            @Nullable String removedBy, @Nullable String removalReason) {}

    @GetMapping("/backoffice/filtrage")
    String list(Model model) {
        model.addAttribute("phrases", phrases.all().stream().map(p -> new Row(p.id(), p.phrase(), p.reason(), Days.when(p.addedAt(), LocaleContextHolder.getLocale()),
                who(p.addedBy()), p.inForce(), p.removedAt() == null ? null : Days.when(p.removedAt(), LocaleContextHolder.getLocale()),
                p.removedBy() == null ? null : who(p.removedBy()), p.removalReason())).toList());
        return "subjects/screening";
    }

    private String who(String typedId) {
        if (typedId.startsWith("staff:")) {
            try {
                return staff.find(UUID.fromString(typedId.substring(6))).map(m -> m.login()).orElse(typedId);
            } catch (IllegalArgumentException e) {
                return typedId;
            }
        }
        return typedId;
    }

    @PostMapping("/backoffice/filtrage")
    String accept(@RequestParam(name = "phrase", required = false) @Nullable String phrase,
            @RequestParam(name = "reason", required = false) @Nullable String reason, Authentication authentication, Model model,
            RedirectAttributes redirect) {
        try {
            phrases.accept(actors.of(authentication), phrase, reason);
        } catch (InvalidInputException e) {
            model.addAttribute("refused", e.errors().stream().map(f -> "screening.refused." + f.field()).distinct().toList());
            model.addAttribute("phrase", phrase != null && phrase.length() <= AcceptedPhrases.MAX_PHRASE ? phrase : null);
            return list(model);
        }
        redirect.addFlashAttribute("notice", "screening.accepted");
        return "redirect:/backoffice/filtrage";
    }

    @PostMapping("/backoffice/filtrage/{id}/retrait")
    String remove(@PathVariable("id") UUID id, @RequestParam(name = "reason", required = false) @Nullable String reason,
            Authentication authentication, Model model, RedirectAttributes redirect) {
        try {
            phrases.remove(actors.of(authentication), id, reason);
        } catch (InvalidInputException e) {
            model.addAttribute("refused", e.errors().stream().map(f -> "screening.refused." + f.field()).distinct().toList());
            return list(model);
        }
        redirect.addFlashAttribute("notice", "screening.removed");
        return "redirect:/backoffice/filtrage";
    }
}
