package org.charte.common;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Input that breaks a rule, with every invalid field named: answered as problem+json (API) or a
 * readable message (pages), nothing changed. Messages never repeat the refused value, which
 * might be personal data.
 */
public class InvalidInputException extends RuntimeException {

    /**
     * One invalid field: its path, the English message the API answers with, and (when the rule
     * gives one) the message key a page shows instead, in its own language (L10).
     */
    public record FieldError(String field, String message, @Nullable String key) {

        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }

    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.size() == 1 ? errors.getFirst().message() : errors.size() + " invalid fields");
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    /** One invalid field, with the message key a page shows (the English message stays the API's). */
    public InvalidInputException(String field, String message, String key) {
        this(List.of(new FieldError(field, message, key)));
    }

    /** The bean-validation errors of a request, each field named, sorted; {@code body} when there is no request. */
    public static List<FieldError> violations(Validator validator, @Nullable Object request) {
        if (request == null) {
            return new ArrayList<>(List.of(new FieldError("body", "a JSON body is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        validator.validate(request).stream()
                .map(v -> new FieldError(fieldOf(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .forEach(errors::add);
        return errors;
    }

    /**
     * A violation's field as the caller wrote it: {@code scopes[0]}, {@code lines[1].productCode},
     * without the validator's own names for container elements ({@code <list element>}).
     */
    public static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && !field.isEmpty()) {
                Object index = node.getIndex() != null ? node.getIndex() : node.getKey();
                field.append('[').append(index == null ? "" : index).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<") && node.getKind() == ElementKind.PROPERTY) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.toString();
    }

    /** Throws when there is any error, naming them all. */
    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    public List<FieldError> errors() {
        return errors;
    }

    public List<Map<String, String>> asMaps() {
        return errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList();
    }
}
