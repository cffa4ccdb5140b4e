package org.charte.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.charte.common.ReplayableRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Two guards on every API request that carries a body: bodies over 1 MB (16 KB on consent.js's
 * {@code /consent/v1/} doors, open to anyone) are refused (413) before anything reads them, and a
 * POST with an {@code Idempotency-Key} is done once per caller and key — a retry gets the first
 * answer again; the same key with another body is refused (422); a retry while the first is
 * still running gets a 409. Runs after Spring Security, so the caller is known.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class ApiRequests extends OncePerRequestFilter {

    static final int MAX_BODY = 1024 * 1024;
    /** consent.js's choices and page views are a few hundred bytes; the doors anyone may knock at take little. */
    static final int MAX_CONSENT_BODY = 16 * 1024;
    static final String HEADER = "Idempotency-Key";

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/") || path.startsWith("/opendsr/") || path.startsWith("/consent/v1/");
        return !api || !(request.getMethod().equals("POST") || request.getMethod().equals("PUT") || request.getMethod().equals("PATCH"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean consent = request.getRequestURI().substring(request.getContextPath().length()).startsWith("/consent/v1/");
        int limit = consent ? MAX_CONSENT_BODY : MAX_BODY;
        String tooLarge = consent ? "Request bodies are limited to 16 KB here." : "Request bodies are limited to 1 MB.";
        if (request.getContentLengthLong() > limit) {
            problem(response, 413, "Payload too large", tooLarge);
            return;
        }
        byte[] body = read(request.getInputStream(), limit);
        if (body == null) {
            problem(response, 413, "Payload too large", tooLarge);
            return;
        }
        HttpServletRequest buffered = new ReplayableRequest(request, body);
        String key = request.getHeader(HEADER);
        if (key == null || !request.getMethod().equals("POST")) {
            chain.doFilter(buffered, response);
            return;
        }
        if (key.isBlank() || key.length() > 200) {
            problem(response, 400, "Invalid Idempotency-Key", "The Idempotency-Key header is 1 to 200 characters.");
            return;
        }
        String actor = actor();
        String path = request.getRequestURI();
        String sha = sha256(body);
        try {
            jdbc.sql("INSERT INTO idempotency_record (actor, idem_key, method, path, body_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(actor, key, request.getMethod(), path, sha, clock.instant().atOffset(ZoneOffset.UTC)).update();
        } catch (DuplicateKeyException e) {
            replay(actor, key, path, sha, response);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(buffered, recorded);
        } catch (IOException | ServletException | RuntimeException e) {
            forget(actor, key); // nothing was answered: a retry may try again
            throw e;
        }
        if (recorded.getStatus() >= 500) {
            forget(actor, key);
        } else {
            jdbc.sql("UPDATE idempotency_record SET status = ?, content_type = ?, response = ? WHERE actor = ? AND idem_key = ?")
                    .params(recorded.getStatus(), recorded.getContentType(), recorded.getContentAsByteArray(), actor, key).update();
        }
        recorded.copyBodyToResponse();
    }

    private void replay(String actor, String key, String path, String sha, HttpServletResponse response) throws IOException {
        record Stored(String path, String sha, @Nullable Integer status, @Nullable String contentType, byte @Nullable [] body) {}
        Optional<Stored> stored = jdbc.sql("SELECT path, body_sha256, status, content_type, response FROM idempotency_record WHERE actor = ? AND idem_key = ?")
                .params(actor, key)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4), rs.getBytes(5)))
                .optional();
        if (stored.isEmpty()) {
            problem(response, 409, "Request in progress", "A request with this Idempotency-Key is being processed; retry later.");
        } else if (!stored.get().sha().equals(sha) || !stored.get().path().equals(path)) {
            problem(response, 422, "Idempotency-Key reused", "This Idempotency-Key was used for a different request; use a new key.");
        } else if (stored.get().status() == null) {
            problem(response, 409, "Request in progress", "A request with this Idempotency-Key is being processed; retry later.");
        } else {
            response.setStatus(stored.get().status());
            if (stored.get().contentType() != null) {
                response.setContentType(stored.get().contentType());
            }
            response.setHeader("Idempotent-Replayed", "true");
            if (stored.get().body() != null) {
                response.getOutputStream().write(stored.get().body());
            }
        }
    }

    private void forget(String actor, String key) {
        jdbc.sql("DELETE FROM idempotency_record WHERE actor = ? AND idem_key = ?").params(actor, key).update();
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "anonymous" : authentication.getName();
    }

    /** The body, or null when it is over the limit. */
    private static byte @Nullable [] read(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
