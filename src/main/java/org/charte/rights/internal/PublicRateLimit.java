package org.charte.rights.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limit of the public forms (R8.5): every POST to the privacy centre and to the download
 * links takes a token from its client address's bucket ({@code charte.rights.rate-limit.capacity}
 * requests, refilled over {@code charte.rights.rate-limit.refill}); none left is a 429. Per node,
 * in memory: a burst against one node is what it stops. OpenDSR integrations are counted per
 * token instead ({@link OpenDsrRateLimit}). The client address is the connection's
 * (a proxy in front must pass the real one through Tomcat's RemoteIpValve).
 */
@Component
class PublicRateLimit extends OncePerRequestFilter {

    static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final int capacity;
    private final Duration refill;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    PublicRateLimit(Clock clock, @Value("${charte.rights.rate-limit.capacity:20}") int capacity,
            @Value("${charte.rights.rate-limit.refill:PT10M}") Duration refill) {
        this.clock = clock;
        this.capacity = capacity;
        this.refill = refill;
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
            response.setHeader("Retry-After", String.valueOf(Math.max(1, refill.toSeconds() / capacity)));
            response.sendError(429);
            return;
        }
        chain.doFilter(request, response);
    }

    boolean allow(String client) {
        var now = clock.instant();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(client, k -> new TokenBucket(capacity, refill, now)).take(now);
    }
}
