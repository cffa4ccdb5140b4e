package org.charte.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The mail outbox. A mail is queued in the caller's transaction (so a rolled-back step sends
 * nothing), its recipient, subject and body sealed by the vault; once the transaction commits it
 * is sent by SMTP when a mail server is configured, and its content then erased. Without a mail
 * server, mails are held in the outbox. Every mail passes the {@link DoorOut} when it is queued: a
 * refused one is never queued.
 */
public interface Outbox {

    /**
     * Queues a plain-text mail to {@code recipient}'s address, once the {@link DoorOut} let the passage
     * out (R1.4); returns its id.
     *
     * @throws RecipientRefusedException when the door refuses it (audited; nothing queued)
     */
    default UUID queue(Passage passage, String recipient, String subject, String body) {
        return queue(passage, recipient, subject, body, Map.of());
    }

    /**
     * Queues a plain-text mail with extra headers (e.g. {@code List-Unsubscribe}), kept with the mail
     * in the outbox until it is sent, in the map's order. A header name is letters, digits and
     * hyphens, at most {@link #MAX_HEADER_NAME} characters, and not one the outbox sets itself
     * (From, To, Subject, ...); a value has no control character and at most
     * {@link #MAX_HEADER_VALUE}; anything else throws {@link IllegalArgumentException}, nothing queued.
     * The {@link DoorOut} is passed first, as above.
     */
    UUID queue(Passage passage, String recipient, String subject, String body, Map<String, String> headers);

    int MAX_HEADER_NAME = 60;
    int MAX_HEADER_VALUE = 1000;

    /** A mail as held in the outbox, opened. */
    record Mail(UUID id, Instant createdAt, String recipient, String subject, String body) {}

    /** The mails held (not sent), newest first: what the demo's outbox page shows. */
    List<Mail> held(int limit);

    /** Sends what is still waiting (a failed attempt, a node that stopped); returns how many were sent. */
    int sendPending();

    /** Whether mails are sent by SMTP (a mail server is configured) or held. */
    boolean sending();

    /** When a mail was sent, if it was. */
    @Nullable Instant sentAt(UUID id);
}
