package org.charte.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.charte.common.DatabaseUnreachable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one place where a database outage that nothing answered becomes a 503 ({@link DatabaseOutage}):
 * first of all filters, so it also catches what the session, security and token filters meet
 * before any controller runs. It answers through the error dispatch ({@link Errors}): problem+json
 * under {@code /api/} and {@code /opendsr/}, a page in the visitor's language elsewhere, both with
 * {@code Retry-After}. The API's own handler ({@link Problems}) answers the same for what its
 * controllers meet.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseOutage.in(e) || response.isCommitted()) {
                throw e;
            }
            LOG.warn("The database is unreachable ({}): answered 503", DatabaseOutage.kind(e));
            DatabaseUnreachable.mark(request); // its error page reads no session
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfter());
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
    }
}
