package org.charte.rights.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No rights request has this id: a 404, the id never repeated. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class UnknownRequestException extends RuntimeException {
    UnknownRequestException() {
        super("no such rights request");
    }
}
