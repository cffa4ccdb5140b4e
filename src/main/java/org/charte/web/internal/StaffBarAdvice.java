package org.charte.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import org.charte.access.Commitments;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.common.BackofficeEntries;
import org.charte.common.PageController;
import org.charte.common.UrlRules;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every back-office page its signed-in person's bar (L10), which the layout draws. */
@ControllerAdvice(annotations = PageController.class)
class StaffBarAdvice {

    private final StaffBar bar;
    private final StaffDirectory staff;
    private final Commitments commitments;
    private final CurrentPolicy current;

    StaffBarAdvice(List<UrlRules> rules, List<BackofficeEntries> entries, StaffDirectory staff, Commitments commitments, CurrentPolicy current) {
        this.bar = new StaffBar(UrlRules.collect(rules), BackofficeEntries.collect(entries));
        this.staff = staff;
        this.commitments = commitments;
        this.current = current;
    }

    @ModelAttribute("staffBar")
    @Nullable List<StaffBar.Link> staffBar(HttpServletRequest request, @Nullable Principal principal) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (principal == null || !bar.shownOn(path)) {
            return null;
        }
        return staff.find(principal.getName()).map(me -> bar.linksFor(me.role(), commitmentToSign(me), path)).orElse(null);
    }

    /** As the decision point asks (R6.1): the role requires the current commitment and the person has not signed it. */
    private boolean commitmentToSign(StaffMember me) {
        boolean required = current.policy().role(me.role()).map(Policy.Role::commitmentRequired).orElse(true);
        return required && !commitments.signedCurrent(me.id());
    }
}
