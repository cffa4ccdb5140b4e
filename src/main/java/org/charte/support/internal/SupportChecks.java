package org.charte.support.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.policy.Policy;
import org.charte.subjects.Subjects;
import org.charte.support.UnknownTicketException;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What every support operation does first, in this order: check the input (nothing personal in the
 * messages), find the person, then ask the decision point, which records the attempt. Also seals
 * free text under the person's key, bound to its column and row.
 */
@Component
class SupportChecks {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String PURPOSE = "customer-service";
    static final Set<String> CATEGORIES = Set.of("support-requests");
    private static final Pattern PURPOSE_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Validator validator;
    private final AccessDecisions decisions;
    private final Subjects subjects;
    private final Policy policy;
    private final Vault vault;
    private final Clock clock;

    SupportChecks(Validator validator, AccessDecisions decisions, Subjects subjects, Policy policy, Vault vault, Clock clock) {
        this.validator = validator;
        this.decisions = decisions;
        this.subjects = subjects;
        this.policy = policy;
        this.vault = vault;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), PARIS);
    }

    OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    List<FieldError> violations(@Nullable Object request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            errors.add(new FieldError("body", "a JSON body is required"));
            return errors;
        }
        validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
                .forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage())));
        return errors;
    }

    static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    void subjectExists(UUID subjectId) {
        if (subjects.status(subjectId).isEmpty()) {
            throw new UnknownTicketException("subjectId", "no such person");
        }
    }

    void require(Actor actor, Action action, UUID subjectId) {
        decisions.require(new AccessRequest(actor, PURPOSE, action, CATEGORIES, ResourceRef.subject(subjectId)));
    }

    /** A read for the caller's purpose: missing or malformed, refused (400); not the policy's, recorded as refused, then refused (400). */
    void requireRead(Actor actor, @Nullable String purpose, UUID subjectId) {
        if (purpose == null || purpose.isBlank()) {
            throw new InvalidInputException("purpose", "name the purpose of this read, one of the policy's purposes");
        }
        if (!PURPOSE_CODE.matcher(purpose).matches()) {
            throw new InvalidInputException("purpose", "must be a purpose code of the policy, such as customer-service");
        }
        AccessRequest request = new AccessRequest(actor, purpose, Action.READ, CATEGORIES, ResourceRef.subject(subjectId));
        if (policy.purpose(purpose).isEmpty()) {
            decisions.decide(request);
            throw new InvalidInputException("purpose", "is not a purpose of the policy in force");
        }
        decisions.require(request);
    }

    byte[] seal(UUID subjectId, String field, UUID rowId, String text) {
        return vault.seal(subjectId, "support." + field + ":" + rowId, text.getBytes(StandardCharsets.UTF_8));
    }

    @Nullable String open(UUID subjectId, String field, UUID rowId, byte @Nullable [] sealed) {
        return sealed == null ? null
                : new String(vault.open(subjectId, "support." + field + ":" + rowId, sealed), StandardCharsets.UTF_8);
    }
}
