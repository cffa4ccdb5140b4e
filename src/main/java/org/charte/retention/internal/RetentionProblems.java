package org.charte.retention.internal;

import org.charte.retention.RetentionRuns;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A retention run refused while another runs: 409 problem+json, nothing changed. */
@RestControllerAdvice(basePackageClasses = RetentionProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RetentionProblems {

    /** Another run that erases holds the lock: try again later. */
    @ExceptionHandler(RetentionRuns.RunInProgressException.class)
    ProblemDetail inProgress(RetentionRuns.RunInProgressException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("A retention run is in progress");
        return problem;
    }
}
