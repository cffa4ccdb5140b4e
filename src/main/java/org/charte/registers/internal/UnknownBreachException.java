package org.charte.registers.internal;

import org.charte.common.UnknownIdException;

/** No breach in the register has that id. */
class UnknownBreachException extends UnknownIdException {

    UnknownBreachException() {
        super(null, "no breach in the register has that id");
    }
}
