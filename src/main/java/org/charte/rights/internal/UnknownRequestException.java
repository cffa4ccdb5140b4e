package org.charte.rights.internal;

/** No rights request has this id: a 404, the id never repeated. */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
class UnknownRequestException extends RuntimeException {
    UnknownRequestException() {
        super("no such rights request");
    }
}
