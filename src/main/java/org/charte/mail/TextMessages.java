package org.charte.mail;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The SMS outbox and gateway (SMPP 3.4). An SMS is queued in the caller's transaction (a rolled-back
 * step sends nothing), its number and text sealed by the vault; once committed it is sent to the
 * SMSC configured under {@code charte.sms.*}, again with a growing delay while the SMSC is away or
 * refuses it, and its number and text are erased once the SMSC took it. Without an SMSC, SMS are
 * held. Messages received (STOP) are published as {@link SmsStopReceived}.
 */
public interface TextMessages {

    /** Most characters a text may have (it must also fit in 10 messages). */
    int MAX_TEXT = 1600;

    /**
     * Queues an SMS; returns its id.
     *
     * @param passage to whom and why, checked and recorded by the {@link DoorOut} (R1.4) before anything is queued
     * @param phone the recipient's number, E.164 or French national ("06 12 34 56 78")
     * @throws org.charte.common.InvalidInputException naming {@code phone} or {@code text} when it cannot be sent
     * @throws RecipientRefusedException when the door refuses it (audited; nothing queued)
     */
    UUID queue(Passage passage, String phone, String text);

    /** The marketing texts' sender and STOP number from the configuration (until the policy says them). */
    MarketingSms marketing();

    /** Whether SMS are sent (an SMSC is configured) or held. */
    boolean sending();

    /** Sends what is due (a failed attempt, an SMSC that was away, a node that stopped); how many were sent. */
    int sendPending();

    /** Where an SMS stands: sent or not, the SMSC's id, the delivery receipt; never its number or text. */
    record Status(UUID id, Instant createdAt, int attempts, @Nullable Instant sentAt, @Nullable String smscMessageId,
            @Nullable String lastError, @Nullable String deliveryState, @Nullable Instant deliveredAt) {}

    /** An SMS's status, or null for an unknown id. */
    @Nullable Status status(UUID id);
}
