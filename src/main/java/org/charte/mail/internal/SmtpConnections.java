package org.charte.mail.internal;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Date;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP connections kept open between mails, so that a mail costs its SMTP exchange and not a
 * connection, a greeting and a goodbye each. A sender borrows a connection for one mail and gives
 * it back; at most {@code MAX_IDLE} are kept, none longer than {@code MAX_IDLE_NANOS} unused (servers
 * close idle connections). A kept connection that fails before the server answered the mail (the
 * server closed it meanwhile) is replaced by a new one for that mail, once. Only for Spring's
 * {@link JavaMailSenderImpl} (its session, host and credentials); any other sender sends its own way.
 */
final class SmtpConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnections.class);
    private static final int MAX_IDLE = 16;
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Kept(Transport transport, long since) {}

    private final JavaMailSender sender;
    private final Clock clock;
    private final LinkedBlockingDeque<Kept> idle = new LinkedBlockingDeque<>();
    private volatile boolean closed;

    SmtpConnections(JavaMailSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    MimeMessage createMimeMessage() {
        return sender.createMimeMessage();
    }

    /** Sends one message; throws if the server did not take it. */
    void send(MimeMessage message) throws MessagingException {
        if (!(sender instanceof JavaMailSenderImpl impl)) {
            sender.send(message);
            return;
        }
        // as JavaMailSenderImpl prepares a message
        if (message.getSentDate() == null) {
            message.setSentDate(Date.from(clock.instant()));
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        Address[] recipients = message.getAllRecipients();
        Address[] to = recipients == null ? new Address[0] : recipients;
        Transport transport = borrow();
        boolean reused = transport != null;
        if (transport == null) {
            transport = connect(impl);
        }
        try {
            transport.sendMessage(message, to);
        } catch (SendFailedException e) {
            // the server answered (a recipient or the mail refused): the connection may still be good, but start afresh
            close(transport);
            throw e;
        } catch (MessagingException e) {
            close(transport);
            if (!reused) {
                throw e;
            }
            LOG.debug("A kept SMTP connection failed ({}); the mail goes through a new one.", e.getClass().getSimpleName());
            transport = connect(impl);
            try {
                transport.sendMessage(message, to);
            } catch (MessagingException again) {
                close(transport);
                throw again;
            }
        }
        giveBack(transport);
    }

    private @Nullable Transport borrow() {
        Kept kept;
        while ((kept = idle.pollFirst()) != null) {
            // not isConnected(): SMTP's sends a NOOP; a connection the server closed fails at once and is replaced
            if (System.nanoTime() - kept.since() < MAX_IDLE_NANOS) {
                return kept.transport();
            }
            close(kept.transport());
        }
        return null;
    }

    private void giveBack(Transport transport) {
        if (closed || idle.size() >= MAX_IDLE || !idle.offerFirst(new Kept(transport, System.nanoTime()))) {
            close(transport);
            return;
        }
        // an old one at the far end is closed rather than kept
        Kept oldest = idle.peekLast();
        if (oldest != null && System.nanoTime() - oldest.since() >= MAX_IDLE_NANOS && idle.removeLastOccurrence(oldest)) {
            close(oldest.transport());
        }
    }

    /** As {@code JavaMailSenderImpl.connectTransport}: its session, protocol, host, port and credentials. */
    private static Transport connect(JavaMailSenderImpl impl) throws MessagingException {
        String username = impl.getUsername();
        String password = impl.getPassword();
        if ("".equals(username)) {
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        String protocol = impl.getProtocol();
        if (protocol == null) {
            protocol = impl.getSession().getProperty("mail.transport.protocol");
        }
        Transport transport = impl.getSession().getTransport(protocol == null ? "smtp" : protocol);
        transport.connect(impl.getHost(), impl.getPort(), username, password);
        return transport;
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("Closing an SMTP connection failed ({})", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        closed = true;
        Kept kept;
        while ((kept = idle.pollFirst()) != null) {
            close(kept.transport());
        }
    }
}
