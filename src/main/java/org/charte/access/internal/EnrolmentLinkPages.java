package org.charte.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.charte.access.AdministratorEnrolment;
import org.charte.access.StaffMember;
import org.charte.common.PageController;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a one-time enrolment link opens ({@code charte staff create-admin}): the new
 * administrator chooses a password, then enrols the second factor on the usual enrolment page,
 * signed in by the link for that step only. A used, expired or unknown link: 410, nothing said of
 * the account.
 */
@PageController
class EnrolmentLinkPages {

    /** The longest password taken: Argon2id hashes any length, a page needs a bound. */
    static final int MAX_PASSWORD = 200;

    private final EnrolmentLinks links;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    EnrolmentLinkPages(EnrolmentLinks links) {
        this.links = links;
    }

    @GetMapping(AdministratorEnrolment.PATH + "{token}")
    String form(@PathVariable("token") String token, Model model, HttpServletResponse response) {
        Optional<StaffMember> member = links.usable(token);
        if (member.isEmpty()) {
            return gone(model, response);
        }
        model.addAttribute("login", member.get().login());
        model.addAttribute("action", AdministratorEnrolment.PATH + token);
        return "access/first-access";
    }

    @PostMapping(AdministratorEnrolment.PATH + "{token}")
    String setPassword(@PathVariable("token") String token, @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "confirmation", defaultValue = "") String confirmation, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<StaffMember> member = links.usable(token);
        if (member.isEmpty()) {
            return gone(model, response);
        }
        String problem = password.length() < StaffAccounts.MIN_PASSWORD ? "first-access.too-short"
                : password.length() > MAX_PASSWORD ? "first-access.too-long"
                : !password.equals(confirmation) ? "first-access.mismatch" : null;
        if (problem != null) {
            model.addAttribute("login", member.get().login());
            model.addAttribute("action", AdministratorEnrolment.PATH + token);
            model.addAttribute("problem", problem);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "access/first-access";
        }
        Optional<StaffMember> done = links.complete(token, password);
        if (done.isEmpty()) {
            return gone(model, response);
        }
        // The password is set: the session is at the second-factor step, as after the sign-in form.
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(done.get().login(), null,
                List.of(new SimpleGrantedAuthority(StaffAccounts.PASSWORD_ONLY))));
        SecurityContextHolder.setContext(context);
        request.getSession();
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        return "redirect:/backoffice/enrolement";
    }

    private static String gone(Model model, HttpServletResponse response) {
        model.addAttribute("gone", true);
        response.setStatus(HttpServletResponse.SC_GONE);
        return "access/first-access";
    }
}
