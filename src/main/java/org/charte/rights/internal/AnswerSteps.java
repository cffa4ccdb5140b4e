package org.charte.rights.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.charte.common.PageController;
import org.charte.rights.internal.RightsRequests.RefusalGround;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The back office's answering steps (R9.1-R9.8): a refusal, an answer Charte produces or the DPO
 * writes, a rectification applied after review, a restriction lifted.
 */
@PageController
class AnswerSteps {

    private final RequestPage page;
    private final RequestAnswers answers;
    private final DpoAnswers dpo;
    private final RestrictionLifting lifting;
    private final RequestStore store;

    AnswerSteps(RequestPage page, RequestAnswers answers, DpoAnswers dpo, RestrictionLifting lifting, RequestStore store) {
        this.page = page;
        this.answers = answers;
        this.dpo = dpo;
        this.lifting = lifting;
        this.store = store;
    }

    @PostMapping("/backoffice/droits/{id}/refus")
    String refuse(@PathVariable UUID id, @RequestParam(required = false) @Nullable String ground,
            @RequestParam(required = false) @Nullable String reasons, Authentication authentication, Model model, RedirectAttributes redirect) {
        return page.step(id, authentication, model, redirect, "rights.bo.refused", staff -> {
            RefusalGround chosen = "manifestly-unfounded".equals(ground) ? RefusalGround.MANIFESTLY_UNFOUNDED
                    : "excessive".equals(ground) ? RefusalGround.EXCESSIVE : null;
            dpo.refuse(staff, id, chosen, reasons == null ? "" : reasons);
        });
    }

    @PostMapping("/backoffice/droits/{id}/production")
    String produce(@PathVariable UUID id, Authentication authentication, Model model, RedirectAttributes redirect) {
        return page.step(id, authentication, model, redirect, "rights.bo.answered", staff -> answers.produceAnswer(staff, id));
    }

    @PostMapping("/backoffice/droits/{id}/reponse")
    String answer(@PathVariable UUID id, @RequestParam(required = false) @Nullable String answer, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        return page.step(id, authentication, model, redirect, "rights.bo.answered",
                staff -> dpo.answerManually(staff, id, answer == null ? "" : answer));
    }

    /** The DPO lifts the restriction this request obtained: the person is told first (Art. 18(3), L5). */
    @PostMapping("/backoffice/droits/{id}/levee-limitation")
    String liftRestriction(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable String toldByPost, Authentication authentication, Model model, RedirectAttributes redirect) {
        RightsRequest request = store.load(id).orElseThrow(UnknownRequestException::new);
        return page.step(id, authentication, model, redirect, "rights.bo.restriction-lifted",
                staff -> lifting.lift(staff, request, reason, "on".equals(toldByPost) || "true".equals(toldByPost)));
    }

    /** The DPO applies a rectification, as the person asked it or as read in their letter (R9.1, L5). */
    @PostMapping("/backoffice/droits/{id}/rectification")
    String rectify(@PathVariable UUID id, @RequestParam Map<String, String> form, Authentication authentication, Model model,
            RedirectAttributes redirect) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : RequestPage.RECTIFIABLE) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                fields.put(field, value);
            }
        }
        return page.step(id, authentication, model, redirect, "rights.bo.rectified", staff -> answers.applyRectification(staff, id, fields));
    }
}
