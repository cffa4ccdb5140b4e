package org.charte.commerce.internal;

import java.util.List;
import java.util.Map;
import org.charte.commerce.UnknownRecordException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An unknown id in a commerce call: 404 problem+json naming the field, nothing changed. */
@RestControllerAdvice(basePackageClasses = CommerceProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommerceProblems {

    @ExceptionHandler(UnknownRecordException.class)
    ProblemDetail unknown(UnknownRecordException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
    }
}
