package org.charte.mail.internal;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.mail.Outbox;
import org.charte.policy.Policy;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
class JdbcOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOutbox.class);
    static final int MAX_ATTEMPTS = 10;

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Ids ids;
    private final Clock clock;
    private final @Nullable JavaMailSender sender;
    private final String from;

    JdbcOutbox(JdbcClient jdbc, Vault vault, Ids ids, Clock clock, ObjectProvider<JavaMailSender> sender,
            Policy policy, @Value("${charte.mail.from:}") String from) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
        this.sender = sender.getIfAvailable();
        this.from = from.isBlank() ? policy.rights().email() : from;
    }

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1," + MAX_HEADER_NAME + "}");
    private static final Set<String> OWN_HEADERS = Set.of("from", "to", "cc", "bcc", "subject", "sender", "reply-to", "date",
            "message-id", "content-type", "content-transfer-encoding", "mime-version");

    @Override
    public UUID queue(String recipient, String subject, String body, Map<String, String> headers) {
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
        UUID id = ids.next();
        jdbc.sql("INSERT INTO mail_outbox (id, created_at, recipient, subject, body, headers) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, clock.instant().atOffset(ZoneOffset.UTC), seal(id, "recipient", recipient), seal(id, "subject", subject),
                        seal(id, "body", body), headers.isEmpty() ? null : seal(id, "headers", lines.toString()))
                .update();
        if (sender != null) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        send(id);
                    }
                });
            } else {
                send(id);
            }
        }
        return id;
    }

    @Override
    public List<Mail> held(int limit) {
        return jdbc.sql("SELECT id, created_at, recipient, subject, body FROM mail_outbox WHERE sent_at IS NULL AND body IS NOT NULL "
                        + "ORDER BY created_at DESC, id DESC")
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Mail(id, rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            open(id, "recipient", rs.getBytes("recipient")), open(id, "subject", rs.getBytes("subject")),
                            open(id, "body", rs.getBytes("body")));
                }).list().stream().limit(Math.max(1, limit)).toList();
    }

    @Override
    public int sendPending() {
        if (sender == null) {
            return 0;
        }
        int sent = 0;
        for (UUID id : jdbc.sql("SELECT id FROM mail_outbox WHERE sent_at IS NULL AND body IS NOT NULL AND attempts < ? ORDER BY created_at")
                .param(MAX_ATTEMPTS).query(UUID.class).list()) {
            sent += send(id) ? 1 : 0;
        }
        return sent;
    }

    @Override
    public boolean sending() {
        return sender != null;
    }

    @Override
    public @Nullable Instant sentAt(UUID id) {
        return jdbc.sql("SELECT sent_at FROM mail_outbox WHERE id = ?").param(id).query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant).orElse(null);
    }

    /**
     * Sends one mail once: the attempt is claimed first (so two nodes never both send it), the
     * content erased once the server took it. A failure is recorded without the address.
     */
    private boolean send(UUID id) {
        record Row(int attempts, byte[] recipient, byte[] subject, byte[] body, byte @Nullable [] headers) {}
        Row row = jdbc.sql("SELECT attempts, recipient, subject, body, headers FROM mail_outbox WHERE id = ? AND sent_at IS NULL AND body IS NOT NULL")
                .param(id).query((rs, n) -> new Row(rs.getInt(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5)))
                .optional().orElse(null);
        if (row == null || sender == null) {
            return false;
        }
        int claimed = jdbc.sql("UPDATE mail_outbox SET attempts = attempts + 1 WHERE id = ? AND attempts = ? AND sent_at IS NULL")
                .params(id, row.attempts()).update();
        if (claimed == 0) {
            return false;
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(open(id, "recipient", row.recipient())));
            if (!from.isBlank()) {
                message.setFrom(new InternetAddress(from));
            }
            message.setSubject(open(id, "subject", row.subject()), "UTF-8");
            message.setText(open(id, "body", row.body()), "UTF-8");
            for (Map.Entry<String, String> header : headers(id, row.headers()).entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            sender.send(message);
        } catch (Exception e) {
            String reason = e.getClass().getSimpleName();
            LOG.warn("Mail {} not sent ({}); it stays in the outbox for another attempt.", id, reason);
            jdbc.sql("UPDATE mail_outbox SET last_error = ? WHERE id = ?").params(reason, id).update();
            return false;
        }
        jdbc.sql("UPDATE mail_outbox SET sent_at = ?, recipient = NULL, subject = NULL, body = NULL, headers = NULL, last_error = NULL "
                + "WHERE id = ?")
                .params(clock.instant().atOffset(ZoneOffset.UTC), id).update();
        return true;
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
}
