package org.charte.mail;

/**
 * The {@link DoorOut} refused to let personal data out: the recipient is not the person and the
 * policy does not list it for the purpose named, or an HTTP target's host is not allowed. The
 * refusal is audited before this is thrown; the message gives the reason, never an address.
 */
public class RecipientRefusedException extends RuntimeException {

    public RecipientRefusedException(String reason) {
        super("R1.4: refused at the door out: " + reason);
    }
}
