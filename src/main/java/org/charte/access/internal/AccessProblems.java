package org.charte.access.internal;

import java.util.List;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The access module's refusals as problem+json: the field and the reason, nothing changed. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessProblems {

    @ExceptionHandler(AccessException.class)
    ProblemDetail refused(AccessException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(e.asError()));
        return problem;
    }

    @ExceptionHandler(AccessDecisions.AccessDeniedException.class)
    ProblemDetail denied(AccessDecisions.AccessDeniedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Access refused");
        return problem;
    }
}
