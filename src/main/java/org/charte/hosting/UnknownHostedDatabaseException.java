package org.charte.hosting;

import org.charte.common.UnknownIdException;

/** No such hosted database (or certificate): 404 naming the field; the message never repeats the id. */
public class UnknownHostedDatabaseException extends UnknownIdException {

    public UnknownHostedDatabaseException(String field, String message) {
        super(field, message);
    }
}
