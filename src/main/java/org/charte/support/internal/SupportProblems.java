package org.charte.support.internal;

import java.util.List;
import java.util.Map;
import org.charte.support.UnknownTicketException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An unknown ticket or person in a support call: 404 problem+json naming the field, nothing changed. */
@RestControllerAdvice(basePackageClasses = SupportProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SupportProblems {

    @ExceptionHandler(UnknownTicketException.class)
    ProblemDetail unknown(UnknownTicketException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
    }
}
