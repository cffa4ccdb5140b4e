package org.charte.subjects;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No person has that id (or not any more): a 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownSubjectException extends RuntimeException {

    public UnknownSubjectException(UUID id) {
        super("no person with id " + id);
    }
}
