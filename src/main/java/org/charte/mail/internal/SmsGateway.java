package org.charte.mail.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.TextInput;
import org.charte.mail.MarketingSms;
import org.charte.mail.DoorOut;
import org.charte.mail.ExitChannel;
import org.charte.mail.Passage;
import org.charte.mail.TextMessages;
import org.charte.vault.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SMS outbox: queued sealed in the caller's transaction, handed to the SMPP link after the
 * commit (on {@code charte.sms.send-threads} threads of its own, so the caller never waits for the
 * SMSC and several SMS wait for their responses at once), sent again with a doubling delay after a
 * failure. A failure is recorded by its reason and the SMS's id only.
 */
@Service
class SmsGateway implements TextMessages, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(SmsGateway.class);

    private final JdbcSmsOutbox outbox;
    private final SmppLink link;
    private final SmsProperties settings;
    private final Vault vault;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ExecutorService sending;
    private final DoorOut door;

    SmsGateway(JdbcSmsOutbox outbox, SmppLink link, SmsProperties settings, Vault vault, Ids ids, Clock clock,
            PlatformTransactionManager transactions, DoorOut door) {
        this.door = door;
        this.sending = Executors.newFixedThreadPool(Math.max(1, settings.sendThreads()), Thread.ofPlatform().name("sms-send-", 0).daemon().factory());
        this.transaction = new TransactionTemplate(transactions);
        this.outbox = outbox;
        this.link = link;
        this.settings = settings;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public UUID queue(Passage passage, String phone, String text) {
        String e164 = SmsNumbers.e164(phone);
        if (e164 == null) {
            throw new InvalidInputException("phone", "must be a valid phone number");
        }
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text", "must not be blank");
        }
        TextInput.requireFreeText("text", text, MAX_TEXT);
        if (SmsEncoding.parts(text) > SmsEncoding.MAX_PARTS) {
            throw new InvalidInputException("text", "must fit in " + SmsEncoding.MAX_PARTS + " SMS");
        }
        door.pass(ExitChannel.SMS, passage);
        UUID id = ids.next();
        outbox.insert(id, clock.instant(), seal(id, "recipient", e164), seal(id, "body", text));
        if (settings.enabled()) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        sendLater(id);
                    }
                });
            } else {
                sendLater(id);
            }
        }
        return id;
    }

    @Override
    public MarketingSms marketing() {
        String sender = settings.senderName().isBlank() ? settings.sourceAddress() : settings.senderName();
        if (sender.isBlank() || settings.stopNumber().isBlank()) {
            throw new IllegalStateException("marketing SMS need charte.sms.sender-name (or source-address) and charte.sms.stop-number");
        }
        return new MarketingSms(sender, settings.stopNumber());
    }

    @Override
    public boolean sending() {
        return settings.enabled();
    }

    @Override
    public int sendPending() {
        if (!settings.enabled() || !link.connect()) {
            return 0;
        }
        int sent = 0;
        for (UUID id : outbox.due(clock.instant(), settings.maxAttempts(), 1000)) {
            sent += send(id) ? 1 : 0;
        }
        return sent;
    }

    @Override
    public TextMessages.Status status(UUID id) {
        return outbox.status(id);
    }

    private void sendLater(UUID id) {
        try {
            sending.execute(() -> {
                try {
                    send(id);
                } catch (RuntimeException e) {
                    LOG.warn("SMS {} not sent ({}); it stays in the outbox for another attempt.", id, e.getClass().getSimpleName());
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("SMS {} left to the next round of the outbox.", id);
        }
    }

    /** One attempt: claimed first (two nodes never both send it), the number and text erased once the SMSC took it. */
    boolean send(UUID id) {
        if (!link.bound()) {
            return false;
        }
        JdbcSmsOutbox.Pending row = outbox.pending(id, settings.maxAttempts());
        if (row == null) {
            return false;
        }
        Instant now = clock.instant();
        int attempt = row.attempts() + 1;
        if (!outbox.claim(id, row.attempts(), now, now.plus(settings.sendLease()))) {
            return false;
        }
        String e164 = open(id, "recipient", row.recipient());
        String text = open(id, "body", row.body());
        try {
            List<String> smscIds = link.submit(SmsEncoding.encode(text, reference(id)), e164);
            // marked sent and its parts' ids recorded in one commit
            transaction.executeWithoutResult(status -> outbox.sent(id, clock.instant(), smscIds));
            return true;
        } catch (SmppLink.SubmitFailed e) {
            outbox.failed(id, e.getMessage(), clock.instant().plus(settings.backoff(attempt)));
            if (attempt >= settings.maxAttempts()) {
                LOG.warn("SMS {} given up after {} attempts: {}.", id, attempt, e.getMessage());
            } else {
                LOG.warn("SMS {} not sent ({}); attempt {} of {}, the next in {}.", id, e.getMessage(), attempt, settings.maxAttempts(),
                        settings.backoff(attempt));
            }
            return false;
        }
    }

    /** The concatenation reference of an SMS's parts: the same at every attempt, so a phone drops a part it already has. */
    private static int reference(UUID id) {
        return (int) (id.getLeastSignificantBits() & 0xFF);
    }

    private byte[] seal(UUID id, String field, String value) {
        return vault.sealSecret("sms." + field + ":" + id, value.getBytes(StandardCharsets.UTF_8));
    }

    private String open(UUID id, String field, byte[] sealed) {
        return new String(vault.openSecret("sms." + field + ":" + id, sealed), StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() {
        sending.shutdownNow();
    }
}
