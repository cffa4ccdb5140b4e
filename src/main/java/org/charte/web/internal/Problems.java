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
