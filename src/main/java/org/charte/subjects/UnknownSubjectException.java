package org.charte.subjects;

import org.charte.common.UnknownIdException;

/** No person has that id (or not any more): a 404; the message never repeats the id. */
public class UnknownSubjectException extends UnknownIdException {

    public UnknownSubjectException() {
        super(null, "No person has this id.");
    }
}
