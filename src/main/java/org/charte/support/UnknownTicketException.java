package org.charte.support;

/** No such ticket or person: answered 404 with the field named; the message never repeats what was asked for. */
public class UnknownTicketException extends RuntimeException {

    private final String field;

    public UnknownTicketException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
