package org.charte.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.charte.access.StaffMember;
import org.charte.access.Totp;
import org.charte.common.PageController;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The second step of staff sign-in: a TOTP code, or enrolment by QR code the first time (R8.3). */
@PageController
class SecondFactorPages {

    static final String PENDING_SECRET = "charte.pendingTotpSecret";

    private final StaffAccounts accounts;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SecondFactorPages(StaffAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/backoffice/code")
    String codeForm(Principal principal) {
        StaffMember me = accounts.find(principal.getName()).orElseThrow();
        return me.enrolled() ? "access/code" : "redirect:/backoffice/enrolement";
    }

    @PostMapping("/backoffice/code")
    String code(@RequestParam(name = "code", defaultValue = "") String code, Principal principal, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        StaffMember me = accounts.find(principal.getName()).orElseThrow();
        if (accounts.locked(me.id())) {
            return signOut(request, "locked");
        }
        if (!accounts.verifyCode(me.id(), code)) {
            if (accounts.locked(me.id())) {
                return signOut(request, "locked");
            }
            model.addAttribute("failed", true);
            return "access/code";
        }
        return complete(me, request, response);
    }

    @GetMapping("/backoffice/enrolement")
    String enrolmentForm(Principal principal, HttpSession session, Model model) {
        StaffMember me = accounts.find(principal.getName()).orElseThrow();
        if (me.enrolled()) {
            return "redirect:/backoffice/code";
        }
        byte[] secret = session.getAttribute(PENDING_SECRET) instanceof byte[] pending ? pending : Totp.newSecret();
        session.setAttribute(PENDING_SECRET, secret);
        model.addAttribute("qr", QrCodes.svgDataUri(Totp.uri("Charte", me.login(), secret)));
        model.addAttribute("secret", Totp.base32(secret));
        return "access/enrolment";
    }

    @PostMapping("/backoffice/enrolement")
    String enrol(@RequestParam(name = "code", defaultValue = "") String code, Principal principal, HttpSession session,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        StaffMember me = accounts.find(principal.getName()).orElseThrow();
        if (!(session.getAttribute(PENDING_SECRET) instanceof byte[] secret) || me.enrolled()) {
            return "redirect:/backoffice/enrolement";
        }
        if (!accounts.enrol(me.id(), secret, code)) {
            if (accounts.locked(me.id())) {
                return signOut(request, "locked");
            }
            model.addAttribute("failed", true);
            model.addAttribute("qr", QrCodes.svgDataUri(Totp.uri("Charte", me.login(), secret)));
            model.addAttribute("secret", Totp.base32(secret));
            return "access/enrolment";
        }
        session.removeAttribute(PENDING_SECRET);
        return complete(me, request, response);
    }

    /** Both factors passed: the session gets the person's role, a new id and its sign-in time. */
    private String complete(StaffMember me, HttpServletRequest request, HttpServletResponse response) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(me.login(), null, List.of(
                new SimpleGrantedAuthority(StaffAccounts.roleAuthority(me.role())),
                new SimpleGrantedAuthority(SecurityConfiguration.SECOND_FACTOR)));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        request.getSession().setAttribute(SessionExpiry.SIGNED_IN_AT, clock.instant());
        return "redirect:/backoffice";
    }

    private String signOut(HttpServletRequest request, String why) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/backoffice/connexion?" + why;
    }
}
