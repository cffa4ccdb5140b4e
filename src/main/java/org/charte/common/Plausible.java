package org.charte.common;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;

/** A real-world day or instant ({@link PlausibleDate}): between 1900-01-01 and 2199-12-31. */
@Documented
@Constraint(validatedBy = {Plausible.OfDay.class, Plausible.OfInstant.class})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Plausible {

    String message() default PlausibleDate.MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class OfDay implements ConstraintValidator<Plausible, LocalDate> {
        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return PlausibleDate.isPlausible(value);
        }
    }

    final class OfInstant implements ConstraintValidator<Plausible, Instant> {
        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return PlausibleDate.isPlausible(value);
        }
    }
}
