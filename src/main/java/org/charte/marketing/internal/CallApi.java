package org.charte.marketing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.Purpose;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.marketing.CallOutcome;
import org.charte.marketing.CallRefusedException;
import org.charte.marketing.PhoneCall;
import org.charte.marketing.PhoneCalls;
import org.charte.subjects.UnknownSubjectException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prospecting calls over JSON (L2): an agent records each attempt and its outcome; an attempt the
 * basis or D223-9 forbids is refused with its reason (409 problem+json) and nothing is recorded.
 */
@RestController
@RequestMapping("/api/v1/marketing/subjects/{id}/calls")
@Tag(name = "Marketing", description = "Prospecting calls: each attempt checked against the person's basis and D223-9 before it is recorded.")
class CallApi {

    /** The earliest year an attempt may be dated in (anything before is a typing error). */
    private static final int FIRST_YEAR = 2000;

    private final PhoneCalls service;
    private final CurrentActor actors;

    CallApi(PhoneCalls service, CurrentActor actors) {
        this.service = service;
        this.actors = actors;
    }

    record CallBody(UUID id, UUID subjectId, String marketingPurpose, Instant calledAt, String outcome, Instant recordedAt, String recordedBy) {

        static CallBody of(PhoneCall c) {
            return new CallBody(c.id(), c.subjectId(), c.purpose(), c.calledAt(), c.outcome().code(), c.recordedAt(), c.recordedBy());
        }
    }

    record NewCallBody(@Nullable @Size(max = 64) String marketingPurpose, @Nullable @Size(max = 20) String outcome,
            @Nullable @Size(max = 40) String calledAt) {}

    @PostMapping
    @Operation(summary = "Record a call attempt (L2)", description = "marketingPurpose is a marketing purpose of the policy; outcome is "
            + "no-answer, answered, refused, voicemail, busy or wrong-number; calledAt an ISO-8601 instant with its offset (default: now). "
            + "Refused with 409 and the reason (consent-required, objected, suppressed, weekend, public-holiday, outside-hours, "
            + "too-many-attempts, refused-recently) and, where it is a matter of time, the next allowed instant. A refused outcome "
            + "forbids calls for 60 days.")
    ResponseEntity<CallBody> record(@PathVariable("id") UUID id, @Parameter(description = "the policy purpose of this access, e.g. customer-service")
            @RequestParam(name = "purpose", required = false) @Nullable String purpose, @Valid @RequestBody NewCallBody body,
            Authentication authentication) {
        List<FieldError> errors = new ArrayList<>();
        if (body.marketingPurpose() == null || body.marketingPurpose().isBlank()) {
            errors.add(new FieldError("marketingPurpose", "is required"));
        }
        CallOutcome outcome = body.outcome() == null ? null : CallOutcome.fromCode(body.outcome()).orElse(null);
        if (outcome == null) {
            errors.add(new FieldError("outcome", "must be no-answer, answered, refused, voicemail, busy or wrong-number"));
        }
        Instant calledAt = calledAt(errors, body.calledAt());
        InvalidInputException.throwIfAny(errors);
        PhoneCall call = service.record(actors.of(authentication), Purpose.of(purpose).code(), id, body.marketingPurpose(), outcome, calledAt);
        return ResponseEntity.status(HttpStatus.CREATED).body(CallBody.of(call));
    }

    @GetMapping
    @Operation(summary = "A person's call attempts, newest first (L2)")
    List<CallBody> list(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return service.calls(actors.of(authentication), Purpose.of(purpose).code(), id).stream().map(CallBody::of).toList();
    }

    private static @Nullable Instant calledAt(List<FieldError> errors, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            OffsetDateTime at = OffsetDateTime.parse(text.strip());
            if (at.getYear() < FIRST_YEAR || at.getYear() > 9999) {
                errors.add(new FieldError("calledAt", "must be a recent instant"));
                return null;
            }
            return at.toInstant();
        } catch (DateTimeException e) {
            errors.add(new FieldError("calledAt", "must be an ISO-8601 instant with its offset, e.g. 2027-03-30T10:30:00+02:00"));
            return null;
        }
    }

    @ExceptionHandler(CallRefusedException.class)
    ProblemDetail refused(CallRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "This call is not allowed (" + e.reason() + "); nothing was recorded.");
        problem.setTitle("Call not allowed");
        problem.setProperty("reason", e.reason());
        if (e.next() != null) {
            problem.setProperty("next", e.next().toString());
        }
        return problem;
    }

    @ExceptionHandler(UnknownSubjectException.class)
    ProblemDetail unknown(UnknownSubjectException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No person has this id.");
        problem.setTitle("Not found");
        return problem;
    }
}
