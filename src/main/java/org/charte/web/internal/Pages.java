package org.charte.web.internal;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.charte.access.Commitments;
import org.charte.access.StaffDirectory;
import org.charte.common.PageController;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.PolicyLint;
import org.charte.subjects.Subjects;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page, the back-office sign-in and the back-office dashboard. */
@PageController
class Pages {

    private final CurrentPolicy current;
    private final StaffDirectory staff;
    private final Subjects subjects;
    private final Commitments commitments;
    private final Clock clock;
    private final LintWording lint;

    Pages(CurrentPolicy current, StaffDirectory staff, Subjects subjects, Commitments commitments, Clock clock, LintWording lint) {
        this.lint = lint;
        this.commitments = commitments;
        this.current = current;
        this.staff = staff;
        this.subjects = subjects;
        this.clock = clock;
    }

    @GetMapping({"/", "/en"})
    String home(Model model) {
        model.addAttribute("policy", current.policy());
        model.addAttribute("version", current.version());
        return "home";
    }

    @GetMapping("/backoffice/connexion")
    String signIn() {
        return "backoffice/sign-in";
    }

    /** The DPO's first view: who is signed in, the policy in force, its versions, and where it lags the law. */
    @GetMapping("/backoffice")
    String dashboard(Principal principal, Model model, Locale locale) {
        var me = staff.find(principal.getName()).orElseThrow();
        model.addAttribute("me", me);
        model.addAttribute("signed", commitments.signedCurrent(me.id()));
        model.addAttribute("policy", current.policy());
        model.addAttribute("version", current.version());
        model.addAttribute("versions", current.versions());
        model.addAttribute("counts", subjects.countByStatus());
        model.addAttribute("findings", lint.words(PolicyLint.lint(current.policy(), LocalDate.now(clock)), locale));
        return "backoffice/dashboard";
    }
}
