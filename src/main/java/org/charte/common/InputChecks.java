package org.charte.common;

import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.charte.common.InvalidInputException.FieldError;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The input checks an operation makes before anything else (R8.5): a request's bean-validation
 * errors, each field named (never the value submitted), dates not in the future, and the one clock
 * they are judged by, today counted in Europe/Paris.
 */
@Component
public final class InputChecks {

    private final Validator validator;
    private final Clock clock;

    public InputChecks(Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    /** Today where French law counts. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Zones.PARIS);
    }

    /** Now, as the database stores it (UTC). */
    public OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** The bean-validation errors of a request, each field named; {@code body} when there is none. */
    public List<FieldError> violations(@Nullable Object request) {
        return InvalidInputException.violations(validator, request);
    }

    /** Refuses (400) with every error found, or does nothing when there is none. */
    public static void throwIfAny(List<FieldError> errors) {
        InvalidInputException.throwIfAny(errors);
    }

    public static void notInFuture(List<FieldError> errors, String field, @Nullable LocalDate day, LocalDate today) {
        if (day != null && day.isAfter(today)) {
            errors.add(new FieldError(field, "must not be in the future"));
        }
    }
}
