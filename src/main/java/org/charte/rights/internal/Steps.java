package org.charte.rights.internal;

import org.charte.common.InvalidInputException;
import org.charte.common.TextInput;
import org.jspecify.annotations.Nullable;

/**
 * What every step taken on a rights request shares: the actor name of the steps Charte takes by
 * itself, the limits of what is written on a request, and that a closed request takes no more steps.
 */
final class Steps {

    /** The actor of a step no person took (a code checked, an answer produced at verification). */
    static final String SYSTEM = "system";
    /** Free text on a request: details, reasons, an answer. */
    static final int TEXT_MAX = 5000;
    static final int NAME_MAX = 200;

    private Steps() {
    }

    /** A text staff must write (reasons, what is asked, an answer): not blank, free text within {@code max}; stripped. */
    static String required(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank", "rights.problem.blank");
        }
        TextInput.requireFreeText(field, value, max);
        return value.strip();
    }

    static void openOnly(RightsRequest request) {
        if (!request.open()) {
            throw new InvalidInputException("status", "the request is closed", "rights.problem.closed");
        }
    }
}
