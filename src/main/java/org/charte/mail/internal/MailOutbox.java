package org.charte.mail.internal;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.common.Ids;
import org.charte.mail.DoorOut;
import org.charte.mail.ExitChannel;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.policy.Policy;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The mail outbox ({@link Outbox}); its rows are {@link JdbcMailOutbox}'s. A mail queued while a mail
 * server is configured is claimed by its queueing: inserted with its first attempt counted and a
 * lease ({@code charte.mail.send-lease}), so that after the commit the queueing thread sends it
 * without another round trip, and no other sender (a retry round, another node) takes it while the
 * lease runs. The mails of one transaction are sent after its commit, one after the other, over
 * kept SMTP connections ({@link SmtpConnections}); a mail whose lease is more than half gone by then
 * (a long transaction) is sent only if its lease can still be extended. A mail not sent (a failed
 * attempt, a node that stopped before sending) is due again: the retry round claims it (attempt
 * counted, lease taken, only if due) and sends it. A failure is recorded without the address. A mail
 * is queued only once the {@link DoorOut} let it out (R1.4). The marks after a commit (sent, failed,
 * lease renewed) need no flush of their own ({@link JdbcMailOutbox#marksNeedNoFlush}).
 */
@Service
class MailOutbox implements Outbox, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);
    static final int MAX_ATTEMPTS = 10;
    /** The wait after a first failed attempt, doubled after each next one up to {@link #RETRY_LONGEST} ({@link #retryAfter}). */
    static final Duration RETRY_FIRST = Duration.ofMinutes(1);
    static final Duration RETRY_LONGEST = Duration.ofHours(1);
    /** The mails of one transaction whose content is kept in memory for the sending after its commit; the others are read back. */
    static final int KEPT_IN_MEMORY = 1000;

    private final JdbcMailOutbox outbox;
    private final Vault vault;
    private final Ids ids;
    private final Clock clock;
    private final @Nullable SmtpConnections smtp;
    private final String from;
    private final Duration lease;
    private final DoorOut door;

    MailOutbox(JdbcMailOutbox outbox, Vault vault, Ids ids, Clock clock, ObjectProvider<JavaMailSender> sender, Policy policy, DoorOut door,
            @Value("${charte.mail.from:}") String from, @Value("${charte.mail.send-lease:PT5M}") Duration lease) {
        this.door = door;
        if (lease.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("charte.mail.send-lease must be at least 10 seconds");
        }
        this.outbox = outbox;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
        JavaMailSender mailSender = sender.getIfAvailable();
        this.smtp = mailSender == null ? null : new SmtpConnections(mailSender, clock);
        this.from = from.isBlank() ? policy.rights().email() : from;
        this.lease = lease;
    }

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1," + MAX_HEADER_NAME + "}");
    private static final Set<String> OWN_HEADERS = Set.of("from", "to", "cc", "bcc", "subject", "sender", "reply-to", "date",
            "message-id", "content-type", "content-transfer-encoding", "mime-version");

    /** A mail opened: what is sent. */
    private record Content(String recipient, String subject, String body, Map<String, String> headers) {}

    /** A mail queued in this transaction, to be sent after its commit: its lease, and its content while few are queued. */
    private record Queued(UUID id, Instant leaseEnd, @Nullable Content content) {}

    /** The mails a transaction queued, sent after its commit. */
    private final class AfterCommit implements TransactionSynchronization {
        final List<Queued> mails = new ArrayList<>();
        boolean started;

        @Override
        public void afterCommit() {
            started = true;
            try {
                outbox.marksNeedNoFlush();
            } catch (RuntimeException e) {
                LOG.debug("The marks after the commit will be flushed ({})", e.getClass().getSimpleName());
            }
            sendQueued(mails);
        }

        @Override
        public void afterCompletion(int status) {
            started = true;
        }

        MailOutbox owner() {
            return MailOutbox.this;
        }
    }

    @Override
    public UUID queue(Passage passage, String recipient, String subject, String body, Map<String, String> headers) {
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("a mail needs a recipient");
        }
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (!HEADER_NAME.matcher(name).matches() || OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("a header name is refused");
            }
            if (value.length() > MAX_HEADER_VALUE || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("a header value is refused");
            }
            lines.append(name).append(": ").append(value).append('\n');
        }
        door.pass(ExitChannel.MAIL, passage);
        UUID id = ids.next();
        Instant now = clock.instant();
        // with a mail server, queueing claims the first attempt for the sender after the commit
        Instant leaseEnd = smtp == null ? now : now.plus(lease);
        outbox.insert(id, now, seal(id, "recipient", recipient), seal(id, "subject", subject), seal(id, "body", body),
                headers.isEmpty() ? null : seal(id, "headers", lines.toString()), smtp == null ? 0 : 1, leaseEnd);
        if (smtp != null) {
            Content content = new Content(recipient, subject, body, new LinkedHashMap<>(headers));
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                // the batch of this transaction (a suspended one's synchronizations are not listed: an inner
                // transaction's mails are sent after its own commit, never after the outer one's)
                AfterCommit batch = null;
                for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
                    if (registered instanceof AfterCommit mine && mine.owner() == this && !mine.started) {
                        batch = mine;
                    }
                }
                if (batch == null) {
                    batch = new AfterCommit();
                    TransactionSynchronizationManager.registerSynchronization(batch);
                }
                batch.mails.add(new Queued(id, leaseEnd, batch.mails.size() < KEPT_IN_MEMORY ? content : null));
            } else {
                sendQueued(List.of(new Queued(id, leaseEnd, content)));
            }
        }
        return id;
    }

    @Override
    public List<Mail> held(int limit) {
        return outbox.held(limit).stream().map(m -> new Mail(m.id(), m.createdAt(), open(m.id(), "recipient", m.recipient()),
                open(m.id(), "subject", m.subject()), open(m.id(), "body", m.body()))).toList();
    }

    @Override
    public int sendPending() {
        if (smtp == null) {
            return 0;
        }
        int sent = 0;
        for (UUID id : outbox.due(clock.instant(), MAX_ATTEMPTS, 1000)) {
            JdbcMailOutbox.Pending row = outbox.pending(id);
            Instant now = clock.instant();
            // claimed first: a mail another sender holds (its lease running) or took since it was read is left to it
            if (row != null && outbox.claim(id, row.attempts(), now, now.plus(lease))) {
                sent += attempt(id, row.attempts() + 1, opened(row)) ? 1 : 0;
            }
        }
        return sent;
    }

    @Override
    public boolean sending() {
        return smtp != null;
    }

    @Override
    public @Nullable Instant sentAt(UUID id) {
        return outbox.sentAt(id);
    }

    /** Sends the mails queued by this thread, each while its lease (taken when it was queued) is still this sender's. */
    private void sendQueued(List<Queued> mails) {
        for (Queued mail : mails) {
            try {
                Instant now = clock.instant();
                boolean ours = now.isBefore(mail.leaseEnd().minus(lease.dividedBy(2))) || outbox.renew(mail.id(), 1, now, now.plus(lease));
                if (!ours) {
                    continue; // its lease ran out and another sender may hold it: left to the retry round
                }
                Content content = mail.content();
                if (content == null) {
                    JdbcMailOutbox.Pending row = outbox.pending(mail.id());
                    if (row == null) {
                        continue;
                    }
                    content = opened(row);
                }
                attempt(mail.id(), 1, content);
            } catch (RuntimeException e) {
                LOG.warn("Mail {} not sent ({}); it stays in the outbox for another attempt.", mail.id(), e.getClass().getSimpleName());
            }
        }
    }

    /**
     * When a mail whose {@code attempt}-th attempt failed is due again: a minute after the first,
     * twice as long after each next one, at most an hour; its {@link #MAX_ATTEMPTS} attempts thus
     * outlast a mail server down for about four hours, not ten minutes.
     */
    static Duration retryAfter(int attempt) {
        Duration wait = RETRY_FIRST;
        for (int i = 1; i < attempt && wait.compareTo(RETRY_LONGEST) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(RETRY_LONGEST) > 0 ? RETRY_LONGEST : wait;
    }

    /** One attempt (the {@code attempt}-th) of a mail this sender holds: sent, then its content erased; or its failure recorded, due again later. */
    private boolean attempt(UUID id, int attempt, Content content) {
        SmtpConnections connections = smtp;
        if (connections == null) {
            return false;
        }
        try {
            MimeMessage message = connections.createMimeMessage();
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(content.recipient()));
            if (!from.isBlank()) {
                message.setFrom(new InternetAddress(from));
            }
            message.setSubject(content.subject(), "UTF-8");
            message.setText(content.body(), "UTF-8");
            for (Map.Entry<String, String> header : content.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            connections.send(message);
        } catch (Exception e) {
            String reason = e.getClass().getSimpleName();
            LOG.warn("Mail {} not sent ({}); it stays in the outbox for another attempt.", id, reason);
            outbox.failed(id, reason, clock.instant().plus(retryAfter(attempt)));
            return false;
        }
        outbox.sent(id, clock.instant());
        return true;
    }

    private Content opened(JdbcMailOutbox.Pending row) {
        UUID id = row.id();
        return new Content(open(id, "recipient", row.recipient()), open(id, "subject", row.subject()), open(id, "body", row.body()),
                headers(id, row.headers()));
    }

    private Map<String, String> headers(UUID id, byte @Nullable [] sealed) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (sealed != null) {
            for (String line : open(id, "headers", sealed).split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }

    private byte[] seal(UUID id, String field, String value) {
        return vault.sealSecret("mail." + field + ":" + id, value.getBytes(StandardCharsets.UTF_8));
    }

    private String open(UUID id, String field, byte[] sealed) {
        return new String(vault.openSecret("mail." + field + ":" + id, sealed), StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() {
        if (smtp != null) {
            smtp.close();
        }
    }
}
