package org.charte.marketing.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.charte.common.PreCountedBuckets;
import org.charte.common.PreCountedRateLimit;
import org.charte.common.RateLimit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limit of the unsubscribe link's posts (L5, R9.9): the one click ({@code POST /u/{token}}) and the preferences
 * form ({@code POST /u/{token}/preferences}), per link ({@code charte.marketing.one-click-rate-limit.*}: 20 posts in 10
 * minutes), not per client address: mail providers post RFC 8058 one-clicks from few servers for many people. Counted
 * on the node first and shared through the database every second ({@link PreCountedRateLimit}). Early among the
 * filters; past the limit a 429 with {@code Retry-After}, the error page in the visitor's language.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class OneClickRateLimit extends OncePerRequestFilter {

    /** Longer than any token the links make: such a path is counted as one client (it is refused as a bad token anyway). */
    static final int LONGEST_KEY = 512;

    private final PreCountedBuckets buckets;
    private final PreCountedRateLimit limit;

    OneClickRateLimit(PreCountedBuckets buckets, @Value("${charte.marketing.one-click-rate-limit.capacity:20}") int capacity,
            @Value("${charte.marketing.one-click-rate-limit.refill:PT10M}") Duration refill) {
        this.buckets = buckets;
        this.limit = buckets.register(new RateLimit("one-click", capacity, refill));
    }

    /** The link's token, or null when the path is not a post to an unsubscribe link. */
    static @Nullable String token(String path) {
        if (!path.startsWith("/u/")) {
            return null;
        }
        String rest = path.substring(3);
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        if (token.isEmpty() || (slash >= 0 && !rest.substring(slash).equals("/preferences"))) {
            return null;
        }
        return token.length() > LONGEST_KEY ? "long" : token;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || token(request.getRequestURI().substring(request.getContextPath().length())) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = token(request.getRequestURI().substring(request.getContextPath().length()));
        if (token == null || buckets.take(limit, token)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", String.valueOf(buckets.retryAfterSeconds(limit, token)));
        response.sendError(429);
    }
}
