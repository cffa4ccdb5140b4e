package org.charte.web.internal;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem+json for every API error: each invalid field is named in {@code errors}, and
 * no stack trace or internal message ever reaches the caller.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class Problems extends ResponseEntityExceptionHandler {

    /** Bean validation of a JSON body: every invalid field named. */
    @Override
    protected org.springframework.http.ResponseEntity<Object> handleMethodArgumentNotValid(
            org.springframework.web.bind.MethodArgumentNotValidException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getBindingResult().getFieldErrorCount() + " invalid field(s).");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage()))).toList());
        return org.springframework.http.ResponseEntity.badRequest().body(problem);
    }

    /** A body that is not JSON, or a value of the wrong type: named when the parser says which. */
    @Override
    protected org.springframework.http.ResponseEntity<Object> handleHttpMessageNotReadable(
            org.springframework.http.converter.HttpMessageNotReadableException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not valid JSON for this request.");
        problem.setTitle("Invalid request");
        String field = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.databind.DatabindException databind && !databind.getPath().isEmpty()) {
                field = databind.getPath().stream().map(r -> r.getPropertyName() == null ? "[" + r.getIndex() + "]" : r.getPropertyName())
                        .collect(java.util.stream.Collectors.joining("."));
            }
        }
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "has a value of the wrong type or format")));
        }
        return org.springframework.http.ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(org.charte.common.InvalidInputException.class)
    ProblemDetail invalid(org.charte.common.InvalidInputException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.asMaps());
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : switch (e.getRequiredType().getSimpleName()) {
            case "UUID" -> "a UUID such as 0190a5e2-7c3b-7def-8abc-0123456789ab";
            case "LocalDate" -> "a date as YYYY-MM-DD";
            default -> "a valid " + e.getRequiredType().getSimpleName();
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + e.getName() + "' must be " + expected + ".");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", e.getName(), "message", "must be " + expected)));
        return problem;
    }
}
