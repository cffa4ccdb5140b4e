package org.charte.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.ClientAbortException;
import org.charte.common.DatabaseUnreachable;
import org.charte.common.FailureText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one place where a failure that nothing answered becomes an answer, first of all filters, so
 * it also catches what the session, security and token filters meet before any controller runs:
 * a database outage becomes a 503 with {@code Retry-After} ({@link DatabaseOutage}), anything else
 * a 500; both through the error dispatch ({@link Errors}): problem+json under {@code /api/} and
 * {@code /opendsr/}, a page in the visitor's language elsewhere. The failure is logged here, by its
 * kind, never its message (Tomcat's own log line would quote it, and a driver's or a parser's
 * message quotes what was sent, R8.5); its stack trace goes through {@code LoggedFailures}.
 * A client that hung up is no failure of Charte's: nothing is logged. The API's own handler
 * ({@link Problems}) answers outages the same way for what its controllers meet.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestFailures extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestFailures.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException | Error e) {
            if (clientGone(e) || e instanceof VirtualMachineError) {
                throw e;
            }
            if (DatabaseOutage.in(e)) {
                LOG.warn("The database is unreachable ({}): answered 503", DatabaseOutage.kind(e));
                if (!response.isCommitted()) {
                    DatabaseUnreachable.mark(request); // its error page reads no session
                    response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfter());
                    response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                }
                return;
            }
            Throwable failure = e instanceof ServletException servlet && servlet.getRootCause() != null ? servlet.getRootCause() : e;
            if (response.isCommitted()) {
                LOG.error("A request failed after its answer had started ({}): the answer is cut short", FailureText.of(failure), failure);
                return;
            }
            LOG.error("A request failed ({}): answered 500", FailureText.of(failure), failure);
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }
    }

    private static boolean clientGone(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientAbortException) {
                return true;
            }
        }
        return false;
    }
}
