package org.charte.rights.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.charte.common.JdbcRateBuckets;
import org.charte.common.RateLimit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OpenDSR's throttle (OpenDSR 10: "best efforts to not throttle during normal operation"): an
 * authenticated integration's calls are counted per token (a signed-in DPO per person), not per
 * address, {@code charte.opendsr.rate-limit.capacity} calls (600) refilled over
 * {@code charte.opendsr.rate-limit.refill} (a minute). Past it: 429 problem+json with
 * {@code Retry-After}. It runs after Spring Security: an unauthenticated call never got here
 * (401). Shared by every node, in the database, like the public forms' limit.
 */
@Component
class OpenDsrRateLimit extends OncePerRequestFilter {

    private final JdbcRateBuckets buckets;
    private final RateLimit limit;

    OpenDsrRateLimit(JdbcRateBuckets buckets, @Value("${charte.opendsr.rate-limit.capacity:600}") int capacity,
            @Value("${charte.opendsr.rate-limit.refill:PT1M}") Duration refill) {
        this.buckets = buckets;
        this.limit = buckets.register(new RateLimit("opendsr", capacity, refill));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/opendsr/v1/requests");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken)
                && !allow(authentication.getName())) {
            long retryAfter = limit.retryAfterSeconds();
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf(retryAfter));
            response.setCharacterEncoding("UTF-8");
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                    + "\"detail\":\"This integration sent more than " + limit.capacity() + " OpenDSR calls in " + limit.refill().toSeconds()
                    + " s; retry after " + retryAfter + " s.\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /** One bucket per caller (a token's or a person's name, never a submitted value). */
    boolean allow(String caller) {
        return buckets.take(limit, caller);
    }
}
