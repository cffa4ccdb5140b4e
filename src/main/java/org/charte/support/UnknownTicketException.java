package org.charte.support;

import org.charte.common.UnknownIdException;

/** No such ticket or person: answered 404 with the field named; the message never repeats what was asked for. */
public class UnknownTicketException extends UnknownIdException {

    public UnknownTicketException(String field, String message) {
        super(field, message);
    }
}
