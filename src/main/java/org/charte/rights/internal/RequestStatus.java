package org.charte.rights.internal;

import java.util.Locale;

/**
 * Where a request stands. Open: waiting for the person's identity to be verified, in progress, or
 * waiting for information the controller asked for (the clock is suspended). Closed: answered,
 * refused with reasons, or cancelled before any answer (by whoever sent it, or by staff).
 */
public enum RequestStatus {
    AWAITING_VERIFICATION, IN_PROGRESS, AWAITING_INFORMATION, ANSWERED, REFUSED, CANCELLED;

    public boolean open() {
        return this != ANSWERED && this != REFUSED && this != CANCELLED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
