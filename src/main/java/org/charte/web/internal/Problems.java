package org.charte.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.charte.common.InvalidInputException;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem+json for every API error: each invalid field is named in {@code errors}, and
 * no stack trace or internal message ever reaches the caller.
 */
@RestControllerAdvice(annotations = RestController.class)
class Problems extends ResponseEntityExceptionHandler {

    /** Bean validation of a JSON body: every invalid field named. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getBindingResult().getFieldErrorCount() + " invalid field(s).");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage()))).toList());
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * A body that is missing, not JSON, or JSON with a value of the wrong type, out of range or not
     * a number (NaN): the field is named wherever the parser can tell (its path, such as
     * {@code scopes[0]} or {@code address.postalCode}); "not valid JSON" only when it is not. The
     * parser's own message is never shown: it quotes the value.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        InputStream sent = null;
        if (request instanceof ServletWebRequest servlet) {
            try {
                sent = servlet.getRequest().getInputStream(); // replayable: ApiRequests buffered it
            } catch (IOException | IllegalStateException unreadable) {
                sent = null;
            }
        }
        BodyProblem body = BodyProblem.of(e, sent);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, body.detail());
        problem.setTitle("Invalid request");
        if (body.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", body.field(), "message", body.message())));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** A body in another format than JSON (text, a form): 415, without quoting the type sent. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Send the body as JSON (Content-Type: application/json).");
        problem.setTitle("Unsupported media type");
        problem.setProperty("errors", List.of(Map.of("field", "Content-Type", "message", "must be application/json")));
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(problem);
    }

    /**
     * What the database refused although the checks before it passed: logged by SQL state and
     * constraint or column name only (the driver's message quotes the values), answered without
     * detail; a data exception (a value too long, out of range) is the caller's, a constraint
     * (unique, foreign key) a conflict with what exists.
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> database(DataAccessException e) {
        if (DatabaseOutage.in(e)) {
            return unavailable(e);
        }
        DatabaseErrors.Described described = DatabaseErrors.describe(e);
        HttpStatus status = switch (described.sqlStateClass()) {
            case "22" -> HttpStatus.BAD_REQUEST;
            case "23" -> HttpStatus.CONFLICT;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        DatabaseErrors.log(described, status.value());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, switch (status) {
            case BAD_REQUEST -> "A value does not fit what Charte stores; nothing was changed.";
            case CONFLICT -> "The request conflicts with what is recorded; nothing was changed.";
            default -> "Charte could not complete the request; nothing was changed.";
        });
        problem.setTitle(status == HttpStatus.INTERNAL_SERVER_ERROR ? "Server error" : "Invalid request");
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * The database cannot be reached (restarted, failing over to its standby, no connection free
     * within the pool's timeout): 503 with {@code Retry-After}, nothing changed; what the
     * controllers did not meet, {@link RequestFailures} answers the same way.
     */
    static ResponseEntity<ProblemDetail> unavailable(Throwable e) {
        LoggerFactory.getLogger(Problems.class).warn("The database is unreachable ({}): answered 503", DatabaseOutage.kind(e));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, Errors.UNAVAILABLE);
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, DatabaseOutage.retryAfter())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
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
