package org.charte.vault;

import java.util.UUID;

/** The person's key is gone: their data can no longer be read, by design. */
public class ShreddedException extends RuntimeException {

    public ShreddedException(UUID subjectId) {
        super("the data key of subject " + subjectId + " has been destroyed");
    }

    protected ShreddedException(String message) {
        super(message);
    }
}
