package org.charte.mail;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The STOP messages received by SMS ({@link SmsStopReceived}; R9.9, L9): the sender's number is
 * kept sealed until the objection is recorded, then erased. One not handled within {@link #KEPT}
 * is erased all the same.
 */
public interface ReceivedStops {

    /** How long a STOP nobody handled is kept (long enough for the registry to republish it after a restart). */
    Duration KEPT = Duration.ofDays(2);

    /** The number the STOP came from, in E.164; empty once it was handled or erased. */
    Optional<String> sender(UUID inboundId);

    /** Erases the STOP (its number): call it in the transaction that records the objection, so a redelivery finds nothing to do. */
    void handled(UUID inboundId);

    /** Erases the STOP received before {@link #KEPT} ago; how many went. */
    int purge();
}
