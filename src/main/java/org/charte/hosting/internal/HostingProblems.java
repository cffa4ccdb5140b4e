package org.charte.hosting.internal;

import java.util.List;
import java.util.Map;
import org.charte.hosting.ClientRefusedException;
import org.charte.hosting.DestructionNotDueException;
import org.charte.hosting.ExportClosedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Hosting's refusals as problem+json, the field named, nothing changed. */
@RestControllerAdvice(basePackageClasses = HostingProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class HostingProblems {

    @ExceptionHandler(DestructionNotDueException.class)
    ProblemDetail notDue(DestructionNotDueException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Destruction not due", "id", e.getMessage());
        if (e.dueOn() != null) {
            problem.setProperty("destructionDueOn", e.dueOn().toString());
        }
        return problem;
    }

    @ExceptionHandler(ExportClosedException.class)
    ProblemDetail closed(ExportClosedException e) {
        return problem(HttpStatus.GONE, "No longer available", "id", e.getMessage());
    }

    @ExceptionHandler(ClientRefusedException.class)
    ProblemDetail refused(ClientRefusedException e) {
        return e.locked() ? problem(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", "accessCode", e.getMessage())
                : problem(HttpStatus.UNAUTHORIZED, "Not recognised", "accessCode", e.getMessage());
    }

    @ExceptionHandler(ClientHostingApi.ClientThrottledException.class)
    ResponseEntity<ProblemDetail> throttled(ClientHostingApi.ClientThrottledException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setTitle("Too many attempts");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(e.retryAfterSeconds())).body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setTitle(title);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }
}
