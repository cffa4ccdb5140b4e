package org.charte.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * A servlet filter that answers the busiest open doors of Charte ahead of Spring Security's chains and Spring MVC,
 * which cost such a small request about as much as everything else together (bench/RESULTS.md: consent.js's posts,
 * the one-click unsubscribe). Only doors that use no session (the chain {@code withoutSession}: nothing of the staff's
 * machinery decides there) may have one, and a front door only answers what its handler in Spring MVC would answer
 * the same way; whatever else comes goes on to that handler, which keeps every refusal. What it answers
 * ({@link #open}) carries the headers of every answer ({@link SecurityHeaders}: the chains' own writers), and the
 * request's metrics are named by the handler's path pattern, as Spring MVC names them.
 */
public abstract class FrontDoor extends OncePerRequestFilter {

    private final String pathPattern;
    private final SecurityHeaders headers;
    private final LongAdder answered = new LongAdder();

    /** A door for requests to {@code pathPattern} (Spring MVC's pattern of its handler), answered with {@code headers}. */
    protected FrontDoor(String pathPattern, SecurityHeaders headers) {
        this.pathPattern = pathPattern;
        this.headers = headers;
    }

    /** How many requests this door opened (took in) since start (the tests see which door answered). */
    public final long answered() {
        return answered.sum();
    }

    /** Answers at the door: {@code answer} writes on a response that gets the headers of every answer when committed. */
    protected final void open(HttpServletRequest request, HttpServletResponse response, FilterChain answer) throws IOException, ServletException {
        answered.increment();
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(observed -> observed.setPathPattern(pathPattern));
        headers.around(request, response, answer);
    }
}
