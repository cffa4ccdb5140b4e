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
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limit of the public forms (R8.5): every POST to the privacy centre and to the download
 * links takes a token from its client address's bucket ({@code charte.rights.rate-limit.capacity}
 * requests, refilled over {@code charte.rights.rate-limit.refill}); none left is a 429. The buckets
 * are in the database, shared by every node: a client spreading its requests over several nodes
 * counts once. OpenDSR integrations are counted per token instead ({@link OpenDsrRateLimit}). The client address is the connection's
 * (a proxy in front must pass the real one through Tomcat's RemoteIpValve).
 */
@Component
class PublicRateLimit extends OncePerRequestFilter {

    private final JdbcRateBuckets buckets;
    private final RateLimit limit;

    PublicRateLimit(JdbcRateBuckets buckets, @Value("${charte.rights.rate-limit.capacity:20}") int capacity,
            @Value("${charte.rights.rate-limit.refill:PT10M}") Duration refill) {
        this.buckets = buckets;
        this.limit = buckets.register(new RateLimit("public-forms", capacity, refill));
    }

    static boolean limited(String path) {
        return path.startsWith("/mes-droits/") || path.startsWith("/en/my-rights/") || path.startsWith("/telechargement/")
                || path.startsWith("/en/download/");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !limited(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!allow(request.getRemoteAddr())) {
            response.setHeader("Retry-After", String.valueOf(limit.retryAfterSeconds()));
            response.sendError(429);
            return;
        }
        chain.doFilter(request, response);
    }

    boolean allow(String client) {
        return buckets.take(limit, client);
    }
}
