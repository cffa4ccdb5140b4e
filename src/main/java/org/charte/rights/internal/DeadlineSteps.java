package org.charte.rights.internal;

import java.time.LocalDate;
import java.util.UUID;
import org.charte.common.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The back office's steps on a request's deadline (R9.7, L1): information asked for and received, the extension. */
@PageController
class DeadlineSteps {

    private final RequestPage page;
    private final RequestDeadlines deadlines;

    DeadlineSteps(RequestPage page, RequestDeadlines deadlines) {
        this.page = page;
        this.deadlines = deadlines;
    }

    @PostMapping("/backoffice/droits/{id}/information")
    String askInformation(@PathVariable UUID id, @RequestParam(required = false) @Nullable String what, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        return page.step(id, authentication, model, redirect, "rights.bo.information-asked",
                staff -> deadlines.askForInformation(staff, id, what == null ? "" : what));
    }

    @PostMapping("/backoffice/droits/{id}/information-recue")
    String informationReceived(@PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate on,
            Authentication authentication, Model model, RedirectAttributes redirect) {
        return page.step(id, authentication, model, redirect, "rights.bo.information-received", staff -> deadlines.informationReceived(staff, id, on));
    }

    @PostMapping("/backoffice/droits/{id}/prolongation")
    String extend(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reasons, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        return page.step(id, authentication, model, redirect, "rights.bo.extended-now",
                staff -> deadlines.extend(staff, id, reasons == null ? "" : reasons));
    }
}
