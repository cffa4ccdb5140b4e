package org.charte.web.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import org.charte.common.PageController;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error that no handler answered: problem+json under {@code /api/}, a readable page in
 * the visitor's language elsewhere. Neither ever shows a stack trace or an internal message.
 */
@PageController
class Errors implements ErrorController {

    /** What an API caller is told when the database cannot be reached (503). */
    static final String UNAVAILABLE = "The database is unreachable for a moment; nothing was changed. Try again in a few seconds.";

    @RequestMapping(value = "/error", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatus status = status(request);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            problem.setInstance(URI.create(uri.toString().replace(" ", "%20")));
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            problem.setTitle("Service unavailable");
            return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfter())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @RequestMapping("/error")
    Object page(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null && (uri.toString().startsWith(request.getContextPath() + "/api/")
                || uri.toString().startsWith(request.getContextPath() + "/opendsr/"))) {
            return problem(request);
        }
        HttpStatus status = status(request);
        model.addAttribute("status", status.value());
        model.addAttribute("messageKey", switch (status) {
            case NOT_FOUND -> "error.not-found";
            case FORBIDDEN -> "error.forbidden";
            case BAD_REQUEST -> "error.bad-request";
            case METHOD_NOT_ALLOWED -> "error.method-not-allowed";
            case TOO_MANY_REQUESTS -> "error.too-many-requests";
            case SERVICE_UNAVAILABLE -> "error.unavailable";
            default -> status.is4xxClientError() ? "error.bad-request" : "error.server";
        });
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfter());
        }
        return new ModelAndView("error", model.asMap(), status);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No resource at this address.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
            case FORBIDDEN -> "You may not do this.";
            case UNAUTHORIZED -> "Sign in or send a valid API token.";
            case TOO_MANY_REQUESTS -> "Too many requests from this address; wait a few minutes.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as JSON (Content-Type: application/json).";
            case BAD_REQUEST -> "The request is malformed.";
            case SERVICE_UNAVAILABLE -> UNAVAILABLE;
            default -> status.is5xxServerError() ? "Charte could not complete the request; nothing was changed." : status.getReasonPhrase();
        };
    }
}
