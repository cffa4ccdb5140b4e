package org.charte.commerce;

/**
 * No such person, subscription, order, delivery, invoice or litigation: answered 404 with the field
 * named. The message never repeats the id asked for.
 */
public class UnknownRecordException extends RuntimeException {

    private final String field;

    public UnknownRecordException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
