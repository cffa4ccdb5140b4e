package org.charte.retention.internal;

import java.util.List;
import java.util.Map;
import org.charte.retention.LegalHolds;
import org.charte.retention.RetentionRuns;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An unknown hold or archive entry: 404 problem+json naming the field, nothing changed. */
@RestControllerAdvice(basePackageClasses = RetentionProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RetentionProblems {

    @ExceptionHandler({LegalHolds.UnknownHoldException.class, IntermediateArchive.UnknownEntryException.class,
            RetentionRunsApi.UnknownRunException.class})
    ProblemDetail unknown(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        problem.setProperty("errors", List.of(Map.of("field", "id", "message", e.getMessage())));
        return problem;
    }

    /** Another run that erases holds the lock: try again later. */
    @ExceptionHandler(RetentionRuns.RunInProgressException.class)
    ProblemDetail inProgress(RetentionRuns.RunInProgressException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("A retention run is in progress");
        return problem;
    }
}
