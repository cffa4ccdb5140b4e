package org.charte.rights;

import java.util.Locale;

/**
 * Where a request stands. Open: waiting for the person's identity to be verified, in progress, or
 * waiting for information the controller asked for (the clock is suspended). Closed: answered,
 * or refused with reasons.
 */
public enum RequestStatus {
    AWAITING_VERIFICATION, IN_PROGRESS, AWAITING_INFORMATION, ANSWERED, REFUSED;

    public boolean open() {
        return this != ANSWERED && this != REFUSED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
