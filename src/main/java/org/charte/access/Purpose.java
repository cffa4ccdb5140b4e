package org.charte.access;

import java.util.Optional;
import java.util.regex.Pattern;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.jspecify.annotations.Nullable;

/**
 * The purpose a caller names for an access to personal data (R4.5), its shape checked once, here:
 * given, at most {@value #MAX_LENGTH} characters, lower-case words joined by {@code -} as the
 * policy writes its purpose ids ({@code customer-service}). Whether the policy in force declares it,
 * and whether it allows this access, stays the decision point's question ({@link AccessDecisions}).
 * A refusal names the field and never repeats the value given.
 */
public record Purpose(String code) {

    /** The longest purpose code, as the tables that record one keep it. */
    public static final int MAX_LENGTH = 64;

    /** The field a caller names the purpose in, on every endpoint and page. */
    public static final String FIELD = "purpose";

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Purpose {
        problem(FIELD, code).ifPresent(error -> {
            throw new InvalidInputException(error.field(), error.message());
        });
    }

    /**
     * The purpose named in the field {@code purpose}.
     *
     * @throws InvalidInputException naming {@code purpose} when it is missing, too long or not a purpose code
     */
    public static Purpose of(@Nullable String submitted) {
        return of(FIELD, submitted);
    }

    /** The purpose named in {@code field}; refused as {@link #of(String)}, naming that field. */
    public static Purpose of(String field, @Nullable String submitted) {
        Optional<FieldError> problem = problem(field, submitted);
        if (problem.isPresent()) {
            throw new InvalidInputException(problem.get().field(), problem.get().message());
        }
        return new Purpose(submitted);
    }

    /** The purpose when {@code submitted} has the shape of one; empty otherwise (for quoting a code safely). */
    public static Optional<Purpose> parse(@Nullable String submitted) {
        return problem(FIELD, submitted).isEmpty() ? Optional.of(new Purpose(submitted)) : Optional.empty();
    }

    /** What is wrong with a purpose named in {@code field}, for callers that gather every invalid field; empty when it is well formed. */
    public static Optional<FieldError> problem(String field, @Nullable String submitted) {
        if (submitted == null || submitted.isBlank()) {
            return Optional.of(new FieldError(field, "name the purpose of this access, one of the policy's purposes"));
        }
        if (submitted.length() > MAX_LENGTH) {
            return Optional.of(new FieldError(field, "must be at most " + MAX_LENGTH + " characters: a purpose code of the policy"));
        }
        if (!CODE.matcher(submitted).matches()) {
            return Optional.of(new FieldError(field, "must be a purpose code of the policy, such as customer-service"));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return code;
    }
}
