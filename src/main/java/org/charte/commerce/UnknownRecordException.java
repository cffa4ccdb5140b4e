package org.charte.commerce;

import org.charte.common.UnknownIdException;

/**
 * No such person, subscription, order, delivery, invoice or litigation: answered 404 with the field
 * named. The message never repeats the id asked for.
 */
public class UnknownRecordException extends UnknownIdException {

    public UnknownRecordException(String field, String message) {
        super(field, message);
    }
}
