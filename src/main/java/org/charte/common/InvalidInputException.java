package org.charte.common;

import java.util.List;
import java.util.Map;

/**
 * Input that breaks a rule, with every invalid field named: answered as problem+json (API) or a
 * readable message (pages), nothing changed. Messages never repeat the refused value, which
 * might be personal data.
 */
public class InvalidInputException extends RuntimeException {

    public record FieldError(String field, String message) {}

    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.size() == 1 ? errors.getFirst().message() : errors.size() + " invalid fields");
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    public List<Map<String, String>> asMaps() {
        return errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList();
    }
}
