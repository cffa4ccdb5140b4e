package org.charte.access;

import java.util.Map;

/** A request the access module refuses, with the field it concerns: shown as a clear error, nothing changed. */
public class AccessException extends RuntimeException {

    private final String field;

    public AccessException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public Map<String, String> asError() {
        return Map.of("field", field, "message", getMessage());
    }
}
