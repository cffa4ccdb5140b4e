package org.charte.hosting;

/** No such hosted database (or certificate): 404 naming the field; the message never repeats the id. */
public class UnknownHostedDatabaseException extends RuntimeException {

    private final String field;

    public UnknownHostedDatabaseException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
