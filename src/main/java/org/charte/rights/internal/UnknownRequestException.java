package org.charte.rights.internal;

import org.charte.common.UnknownIdException;

/** No rights request has this id: a 404, the id never repeated. */
class UnknownRequestException extends UnknownIdException {
    UnknownRequestException() {
        super("id", "no such rights request");
    }
}
