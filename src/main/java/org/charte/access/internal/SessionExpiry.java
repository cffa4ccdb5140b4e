package org.charte.access.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Absolute session expiry: a staff session ends 8 hours after sign-in whatever its activity
 * (the idle expiry is the servlet session timeout, 30 minutes). A session whose account was
 * disabled (a compromised account shut out, L6) ends at its next request on the node that disabled it, within
 * 2 seconds on another ({@link DisabledLogins}).
 */
class SessionExpiry extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = "charte.signedInAt";
    static final Duration ABSOLUTE = Duration.ofHours(8);

    private final Clock clock;
    /** Whether the account with that login is disabled. */
    private final Predicate<String> disabledLogin;

    SessionExpiry(Clock clock, Predicate<String> disabledLogin) {
        this.clock = clock;
        this.disabledLogin = disabledLogin;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SIGNED_IN_AT) instanceof Instant signedIn
                && (clock.instant().isAfter(signedIn.plus(ABSOLUTE)) || disabled())) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/backoffice/connexion?expired");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean disabled() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && !authentication.getName().startsWith("token:") && disabledLogin.test(authentication.getName());
    }
}
