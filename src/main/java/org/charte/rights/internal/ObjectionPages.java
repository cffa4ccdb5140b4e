package org.charte.rights.internal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.Objections;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The DPO's list of objections waiting for a decision, and the decision (R1.3, R9.2). */
@PageController
class ObjectionPages {

    private final Objections objections;
    private final DpoAnswers dpo;
    private final RequestStore store;
    private final RightsMails mails;
    private final CurrentActor actors;

    ObjectionPages(Objections objections, DpoAnswers dpo, RequestStore store, RightsMails mails, CurrentActor actors) {
        this.objections = objections;
        this.dpo = dpo;
        this.store = store;
        this.mails = mails;
        this.actors = actors;
    }

    /** A pending objection as the DPO's list shows it: the request it came with, when there is one. */
    record PendingObjection(Objections.Objection objection, String purpose, @Nullable RightsRequest request) {}

    /** Objections to a legitimate-interest purpose waiting for the DPO's decision (R1.3, R9.2), oldest first. */
    @GetMapping("/backoffice/droits/oppositions")
    String objections(Model model, Locale locale) {
        List<PendingObjection> pending = objections.pending().stream().map(o -> {
            UUID requestId = o.reference() == null ? null : PrivacyCentrePages.parse(o.reference());
            return new PendingObjection(o, mails.purpose(o.purpose(), locale), requestId == null ? null : store.load(requestId).orElse(null));
        }).toList();
        model.addAttribute("pending", pending);
        return "rights/objections";
    }

    @PostMapping("/backoffice/droits/oppositions/{id}/decision")
    String decideObjection(@PathVariable("id") UUID objectionId, @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String reasons, Authentication authentication, Model model, Locale locale,
            RedirectAttributes redirect) {
        try {
            Objections.Outcome chosen = "upheld".equals(outcome) ? Objections.Outcome.UPHELD
                    : "rejected".equals(outcome) ? Objections.Outcome.REJECTED : null;
            dpo.decideObjection(actors.of(authentication), objectionId, chosen, reasons);
            redirect.addFlashAttribute("notice", "rights.bo.objection-decided");
            return "redirect:/backoffice/droits/oppositions";
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.errors());
            return objections(model, locale);
        }
    }
}
