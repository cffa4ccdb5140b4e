package org.charte.hosting;

/**
 * A client's request refused without saying why: wrong access code or password, unknown database,
 * another client's database, or too many failures (locked). One message for all, so nothing can be
 * learnt from it.
 */
public class ClientRefusedException extends RuntimeException {

    private final boolean locked;

    public ClientRefusedException(boolean locked) {
        super(locked ? "too many failed attempts: try again later" : "access code, password or database not recognised");
        this.locked = locked;
    }

    public boolean locked() {
        return locked;
    }
}
