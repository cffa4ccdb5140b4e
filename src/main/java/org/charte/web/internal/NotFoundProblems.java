package org.charte.web.internal;

import java.util.List;
import java.util.Map;
import org.charte.common.UnknownIdException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An id that names nothing, whichever module's it is: 404 problem+json, the message as detail and,
 * when the id came in a field, that field named; nothing changed. Pages get the not-found page
 * ({@link UnknownIdException} is a {@code @ResponseStatus(NOT_FOUND)}, shown by {@code Errors}).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotFoundProblems {

    @ExceptionHandler(UnknownIdException.class)
    ProblemDetail unknown(UnknownIdException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        if (e.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        }
        return problem;
    }
}
