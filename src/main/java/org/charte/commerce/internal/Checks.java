package org.charte.commerce.internal;

import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.commerce.UnknownRecordException;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.Zones;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What every commerce operation does first, in this order: check the input (nothing personal in the
 * messages), find the person, then ask the decision point, which records the attempt in the audit log.
 */
@Component
class Checks {

    private final Validator validator;
    private final AccessDecisions decisions;
    private final Subjects subjects;
    private final Clock clock;

    Checks(Validator validator, AccessDecisions decisions, Subjects subjects, Clock clock) {
        this.validator = validator;
        this.decisions = decisions;
        this.subjects = subjects;
        this.clock = clock;
    }

    /** Today where French law counts. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Zones.PARIS);
    }

    OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** The bean-validation errors of a request, each field named; {@code body} when there is none. */
    List<FieldError> violations(@Nullable Object request) {
        return InvalidInputException.violations(validator, request);
    }

    static void throwIfAny(List<FieldError> errors) {
        InvalidInputException.throwIfAny(errors);
    }

    static void notInFuture(List<FieldError> errors, String field, @Nullable LocalDate day, LocalDate today) {
        if (day != null && day.isAfter(today)) {
            errors.add(new FieldError(field, "must not be in the future"));
        }
    }

    void subjectExists(UUID subjectId) {
        if (subjects.status(subjectId).isEmpty()) {
            throw new UnknownRecordException("subjectId", "no such person");
        }
    }

    /** Asks the decision point; a refusal throws (403) after being recorded. */
    void require(Actor actor, String purpose, Action action, Set<String> categories, UUID subjectId) {
        decisions.require(new AccessRequest(actor, purpose, action, categories, ResourceRef.subject(subjectId)));
    }

    /**
     * A read for the purpose the caller names: a missing or malformed purpose is refused (400); one
     * the policy does not declare is recorded as refused by the decision point, then refused (400);
     * any other goes to the decision point.
     */
    void requireRead(Actor actor, @Nullable String purpose, Set<String> categories, UUID subjectId) {
        decisions.requireNamedPurpose(actor, purpose, Action.READ, categories, ResourceRef.subject(subjectId));
    }
}
