package org.charte.cookies.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.charte.common.PreCountedBuckets;
import org.charte.common.PreCountedRateLimit;
import org.charte.common.RateLimit;
import org.charte.cookies.AllowedOrigins;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits of consent.js's two open doors (L3, L8): the proofs of choices ({@code POST /consent/v1/records},
 * {@code charte.cookies.consent-rate-limit.*}: 600 a minute) and the audience beacon ({@code POST /consent/v1/beacon}
 * and {@code /beacon/script}, {@code charte.cookies.beacon-rate-limit.*}: 6,000 a minute), each per client address (an
 * IPv6 address per /64). Counted on the node first and shared through the database every second
 * ({@link PreCountedRateLimit}: no database access on the request's path, a busy client not serialised on one row).
 * Early among the filters, so a refused request costs neither the security chain nor its body. Past the limit: 429
 * problem+json with {@code Retry-After}, readable by an allowed site's script (its CORS header).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ConsentRateLimit extends OncePerRequestFilter {

    private final PreCountedBuckets buckets;
    private final PreCountedRateLimit records;
    private final PreCountedRateLimit beacon;
    private final AllowedOrigins origins;

    ConsentRateLimit(PreCountedBuckets buckets, ConsentCors cors,
            @Value("${charte.cookies.consent-rate-limit.capacity:600}") int recordsCapacity,
            @Value("${charte.cookies.consent-rate-limit.refill:PT1M}") Duration recordsRefill,
            @Value("${charte.cookies.beacon-rate-limit.capacity:6000}") int beaconCapacity,
            @Value("${charte.cookies.beacon-rate-limit.refill:PT1M}") Duration beaconRefill) {
        this.buckets = buckets;
        this.origins = cors.origins();
        this.records = buckets.register(new RateLimit("consent-records", recordsCapacity, recordsRefill));
        this.beacon = buckets.register(new RateLimit("consent-beacon", beaconCapacity, beaconRefill));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        String path = path(request);
        return !path.equals("/consent/v1/records") && !path.equals("/consent/v1/beacon") && !path.equals("/consent/v1/beacon/script");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PreCountedRateLimit limit = path(request).equals("/consent/v1/records") ? records : beacon;
        String client = PreCountedRateLimit.addressKey(request.getRemoteAddr());
        if (buckets.take(limit, client)) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = buckets.retryAfterSeconds(limit, client);
        String origin = request.getHeader("Origin");
        if (origin != null && origins.allows(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Vary", "Origin");
        }
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        response.setCharacterEncoding("UTF-8");
        response.setContentType("application/problem+json");
        String what = limit == records ? "choices" : "page views";
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"More than "
                + limit.limit().capacity() + " " + what + " in " + limit.limit().refill().toSeconds() + " s from this address; retry after "
                + retryAfter + " s.\"}");
    }
}
