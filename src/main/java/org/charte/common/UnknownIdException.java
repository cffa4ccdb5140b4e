package org.charte.common;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * An id that names nothing, or nothing any more: a person, a ticket, a hosted database, a hold, a
 * rights request. Each module's own kind extends it, and the web answers all of them the same way,
 * 404 (problem+json on the API with the field named when there is one; the not-found page
 * otherwise). The message says what kind of thing was not found and never repeats the id asked
 * for nor anything personal.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public abstract class UnknownIdException extends RuntimeException {

    private final @Nullable String field;

    /** @param field the input that carried the id ({@code id}, {@code subjectId}), or null when the address alone did */
    protected UnknownIdException(@Nullable String field, String message) {
        super(message);
        this.field = field;
    }

    public @Nullable String field() {
        return field;
    }
}
