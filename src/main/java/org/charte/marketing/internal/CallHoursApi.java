package org.charte.marketing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.Purpose;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.marketing.CallHoursConsent;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.Means;
import org.charte.subjects.UnknownSubjectException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A consumer's express consent to be called outside D223-9's days and hours, and its withdrawal, over
 * JSON (L2, L5). The entries are read with the person's marketing choices ({@code GET
 * /api/v1/marketing/subjects/{id}}, field {@code callHours}).
 */
@RestController
@RequestMapping("/api/v1/marketing/subjects/{id}/call-hours")
@Tag(name = "Marketing")
class CallHoursApi {

    private final MarketingChoices choices;
    private final CurrentActor actors;

    CallHoursApi(MarketingChoices choices, CurrentActor actors) {
        this.choices = choices;
        this.actors = actors;
    }

    record CallHoursBody(UUID id, boolean consented, String means, @Nullable String wording, Instant recordedAt, String recordedBy) {

        static CallHoursBody of(CallHoursConsent c) {
            return new CallHoursBody(c.id(), c.consented(), c.means().code(), c.wording(), c.recordedAt(), c.recordedBy());
        }
    }

    record NewCallHoursBody(@Nullable Boolean consented, @Nullable @Size(max = 20) String means,
            @Nullable @Size(max = MarketingChoices.MAX_DETAILS) String wording) {}

    @PostMapping
    @Operation(summary = "Record a consent to be called at other times than D223-9's, or its withdrawal (L2, L5)",
            description = "consented true records the consumer's express consent to be called outside Monday to Friday 10:00-13:00 and "
                    + "14:00-20:00 and on public holidays (the 4 attempts per 30 days and the 60 days after a refusal still apply); "
                    + "false withdraws it, at once. means is form, phone, paper, letter, desk, email or privacy-centre; wording the words "
                    + "the person agreed to (required for a consent, at most 500 characters, sealed under the person's key).")
    ResponseEntity<CallHoursBody> record(@PathVariable("id") UUID id, @Parameter(description = "the policy purpose of this access, e.g. customer-service")
            @RequestParam(name = "purpose", required = false) @Nullable String purpose, @Valid @RequestBody NewCallHoursBody body,
            Authentication authentication) {
        List<FieldError> errors = new ArrayList<>();
        if (body.consented() == null) {
            errors.add(new FieldError("consented", "is required: true or false"));
        }
        Means means = body.means() == null ? null : Means.fromCode(body.means()).filter(m -> !MarketingApi.SYSTEM_MEANS.contains(m)).orElse(null);
        if (means == null) {
            errors.add(new FieldError("means", "must be form, phone, paper, letter, desk, email or privacy-centre"));
        }
        InvalidInputException.throwIfAny(errors);
        CallHoursConsent recorded = choices.callHours(actors.of(authentication), Purpose.of(purpose).code(), id,
                new MarketingChoices.NewCallHours(body.consented(), means, body.wording()));
        return ResponseEntity.status(HttpStatus.CREATED).body(CallHoursBody.of(recorded));
    }

    @ExceptionHandler(UnknownSubjectException.class)
    ProblemDetail unknown(UnknownSubjectException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No person has this id.");
        problem.setTitle("Not found");
        return problem;
    }
}
