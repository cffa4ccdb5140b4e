package org.charte.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The mail outbox. A mail is queued in the caller's transaction (so a rolled-back step sends
 * nothing), its recipient, subject and body sealed by the vault; once the transaction commits it
 * is sent by SMTP when a mail server is configured, and its content then erased. Without a mail
 * server, mails are held in the outbox.
 */
public interface Outbox {

    /** Queues a plain-text mail; returns its id. */
    UUID queue(String recipient, String subject, String body);

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
