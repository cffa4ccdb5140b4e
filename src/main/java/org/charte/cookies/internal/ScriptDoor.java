package org.charte.cookies.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.charte.access.FrontDoor;
import org.charte.access.SecurityHeaders;
import org.charte.common.ReplayableRequest;
import org.charte.cookies.AllowedOrigins;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * What consent.js's own doors share ({@link ConsentDoor}, {@link BeaconDoor}): {@link FrontDoor}s on one path each, after
 * the rate limit ({@link ConsentRateLimit}). A door takes only a post its
 * handler would accept: of its media type, its body at most {@link #maxBody} bytes and its length told, without query,
 * bearer token or {@code Idempotency-Key}, from no origin, its own, or one the CORS rules let through
 * ({@link ConsentCors#posts}); whatever it does not take or finds wrong goes on whole to its handler in Spring MVC,
 * which answers it as it always has (each refusal keeps that one place). What a door answers carries what the handler's
 * answer would: the CORS headers (Spring's own processor on the same rules), the headers of every answer
 * ({@link FrontDoor#open}), problem+json as Spring MVC writes it (its {@code instance} the path).
 */
abstract class ScriptDoor extends FrontDoor {

    private final String path;
    private final MediaType type;
    private final int maxBody;
    private final CorsConfiguration cors;
    private final DefaultCorsProcessor corsProcessor = new DefaultCorsProcessor();
    private final JacksonJsonHttpMessageConverter problems = new JacksonJsonHttpMessageConverter();

    ScriptDoor(String path, MediaType type, int maxBody, SecurityHeaders headers, ConsentCors cors) {
        super(path, headers);
        this.path = path;
        this.type = type;
        this.maxBody = maxBody;
        this.cors = cors.posts();
    }

    @Override
    protected final boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().equals(request.getContextPath() + path);
    }

    /**
     * A post this door may take is read and {@link #enter entered}; whatever it does not take or enter goes on to its
     * handler in Spring MVC, its body replayable.
     */
    @Override
    protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!takes(request)) {
            chain.doFilter(request, response);
            return;
        }
        int length = request.getContentLength();
        byte[] sent = request.getInputStream().readNBytes(length);
        if (sent.length != length || !enter(request, response, sent)) {
            chain.doFilter(new ReplayableRequest(request, sent), response);
        }
    }

    /**
     * Answers the post whose body is {@code sent} here ({@link #answer}, {@link #problem}), or says {@code false} having
     * done nothing: the post then goes on to its handler in Spring MVC, which answers it (a refusal, each field named).
     */
    abstract boolean enter(HttpServletRequest request, HttpServletResponse response, byte[] sent) throws IOException, ServletException;

    /** Whether the site a post names is that of the page that sent it ({@link AllowedOrigins#sentFrom}). */
    static boolean sentFrom(HttpServletRequest request, String site) {
        return AllowedOrigins.sentFrom(site, request.getHeader(HttpHeaders.ORIGIN));
    }

    /** Whether the request can be a post this door answers: else it goes on to Spring MVC as it is, unread. */
    private boolean takes(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length < 1 || length > maxBody || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || request.getQueryString() != null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getHeader("Idempotency-Key") != null) {
            return false;
        }
        String sent = request.getContentType();
        try {
            if (sent == null || !type.includes(MediaType.parseMediaType(sent))) {
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

    /** Answers at the door: the CORS headers of its rules and the headers of every answer around {@code answer}. */
    final void answer(HttpServletRequest request, HttpServletResponse response, FilterChain answer) throws IOException, ServletException {
        open(request, response, (rq, out) -> {
            if (corsProcessor.processRequest(cors, (HttpServletRequest) rq, (HttpServletResponse) out)) {
                answer.doFilter(rq, out);
            }
        });
    }

    /** Answers at the door with a handler's problem, written as Spring MVC writes it. */
    final void problem(HttpServletRequest request, HttpServletResponse response, ResponseEntity<ProblemDetail> answer)
            throws IOException, ServletException {
        answer(request, response, (rq, out) -> {
            ProblemDetail problem = answer.getBody();
            if (problem == null) {
                throw new IllegalStateException("a problem without body");
            }
            problem.setInstance(URI.create(((HttpServletRequest) rq).getRequestURI())); // as Spring MVC does
            ServletServerHttpResponse written = new ServletServerHttpResponse((HttpServletResponse) out);
            written.setStatusCode(answer.getStatusCode());
            written.getHeaders().putAll(answer.getHeaders());
            problems.write(problem, MediaType.APPLICATION_PROBLEM_JSON, written);
        });
    }
}
