package org.charte.cookies.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.LongAdder;
import org.charte.access.SecurityHeaders;
import org.charte.common.InvalidInputException;
import org.charte.common.ReplayableRequest;
import org.charte.cookies.AllowedOrigins;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The door of consent.js's choices, {@code POST /consent/v1/records}, the busiest open door of Charte (L3, #13's
 * 10,000 proofs a second): a well-formed choice is recorded and answered here, ahead of Spring Security's filter
 * chains and Spring MVC, which cost a proof about as much as everything else together (bench/RESULTS.md, consent).
 * It takes only what {@link ConsentApi#record} would accept: consent.js's plain body ({@link PlainChoiceReader},
 * at most {@value #MAX_BODY} bytes, its length told), sent as JSON, passing {@link ChoiceChecks} and the banner's
 * checks, its site the sender's, from an origin the CORS rules let through ({@link ConsentCors#records}), without
 * query, bearer token or {@code Idempotency-Key}. Anything else goes on, its body replayable, to {@link ConsentApi},
 * which answers it as it always has (each refusal has that one place); nothing is recorded here then.
 *
 * <p>The answer is the same as {@link ConsentApi}'s ({@code ConsentDoorTests} compares them): the proof
 * ({@link ConsentApi#created}), the CORS headers (Spring's own processor on the same rules), the headers of every
 * answer ({@link SecurityHeaders}: the chains' own writers), 503 problem+json with {@code Retry-After} when its
 * batch failed ({@link ConsentApi#notRecorded()}). After the rate limit ({@link ConsentRateLimit}), which counts
 * every choice alike, and inside the failures' filter, which answers anything unforeseen; the request's metrics
 * are named by the door's path, as Spring MVC would name them.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class ConsentDoor extends OncePerRequestFilter {

    /** consent.js's choices are a few hundred bytes; a bigger body goes to {@link ConsentApi} (which refuses more than 16 KB). */
    static final int MAX_BODY = 4096;

    private final ConsentRecords records;
    private final SecurityHeaders headers;
    private final CorsConfiguration cors;
    private final DefaultCorsProcessor corsProcessor = new DefaultCorsProcessor();
    private final JacksonJsonHttpMessageConverter problems = new JacksonJsonHttpMessageConverter();
    private final LongAdder answered = new LongAdder();

    ConsentDoor(ConsentRecords records, SecurityHeaders headers, ConsentCors cors) {
        this.records = records;
        this.headers = headers;
        this.cors = cors.records();
    }

    /** How many choices this door answered itself since start, recorded or not (the tests see which door answered). */
    long answered() {
        return answered.sum();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().equals(request.getContextPath() + ConsentCors.RECORDS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!takes(request)) {
            chain.doFilter(request, response);
            return;
        }
        int length = request.getContentLength();
        byte[] sent = request.getInputStream().readNBytes(length);
        ConsentApi.@Nullable ChoiceBody body = sent.length == length ? PlainChoiceReader.read(sent) : null;
        if (body == null || !ChoiceChecks.violations(body).isEmpty() || !AllowedOrigins.sentFrom(body.site(), request.getHeader(HttpHeaders.ORIGIN))) {
            chain.doFilter(new ReplayableRequest(request, sent), response);
            return;
        }
        JdbcConsentRecords.Row row;
        try {
            row = ConsentApi.record(records, body, request);
        } catch (InvalidInputException e) {
            // another banner's version, a purpose missing or unknown: nothing was written; ConsentApi names the fields
            chain.doFilter(new ReplayableRequest(request, sent), response);
            return;
        } catch (ConsentWriter.NotRecordedException e) {
            answered.increment();
            answer(request, response, (rq, out) -> notRecorded(rq, (HttpServletResponse) out));
            return;
        }
        answered.increment();
        answer(request, response, (rq, out) -> ConsentApi.created((HttpServletResponse) out, row));
    }

    /** Whether the request can be a choice this door records: else it goes to {@link ConsentApi} as it is, unread. */
    private boolean takes(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length < 1 || length > MAX_BODY || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || request.getQueryString() != null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getHeader("Idempotency-Key") != null) {
            return false;
        }
        String type = request.getContentType();
        try {
            if (type == null || !MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(type))) {
                return false;
            }
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        try {
            return origin == null || !CorsUtils.isCorsRequest(request) || cors.checkOrigin(origin) != null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The answer, with the CORS headers of the door's rules and the headers of every answer. */
    private void answer(HttpServletRequest request, HttpServletResponse response, FilterChain answer) throws IOException, ServletException {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(observed -> observed.setPathPattern(ConsentCors.RECORDS));
        headers.around(request, response, (rq, out) -> {
            if (corsProcessor.processRequest(cors, (HttpServletRequest) rq, (HttpServletResponse) out)) {
                answer.doFilter(rq, out);
            }
        });
    }

    private void notRecorded(ServletRequest request, HttpServletResponse response) throws IOException {
        ResponseEntity<ProblemDetail> answer = ConsentApi.notRecorded();
        ProblemDetail problem = answer.getBody();
        if (problem == null) {
            throw new IllegalStateException("a problem without body");
        }
        problem.setInstance(URI.create(((HttpServletRequest) request).getRequestURI())); // as Spring MVC does
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        out.setStatusCode(answer.getStatusCode());
        out.getHeaders().putAll(answer.getHeaders());
        problems.write(problem, MediaType.APPLICATION_PROBLEM_JSON, out);
    }
}
