package org.charte.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One GreenMail SMTP server for the JVM: what the rights tests' context sends its mail to. */
public final class MailServer {

    private static GreenMail server;

    private MailServer() {}

    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            server.start();
        }
        return server;
    }

    /**
     * The mail server down while {@code whileDown} runs (its port closed: a connection refused),
     * then up again on the same port, as a restarted server; what it had received is forgotten.
     */
    public static synchronized void down(Runnable whileDown) {
        int port = port();
        server.stop();
        try {
            whileDown.run();
        } finally {
            server = new GreenMail(ServerSetupTest.SMTP.port(port));
            server.start();
        }
    }

    public static int port() {
        return server().getSmtp().getPort();
    }

    /** The mails received for one address, oldest first. */
    public static List<MimeMessage> to(String address) {
        return Arrays.asList(server().getReceivedMessagesForDomain(address));
    }

    /** The text of the latest mail to that address whose subject contains {@code subjectPart}. */
    public static String latest(String address, String subjectPart) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            List<MimeMessage> mails = to(address);
            for (int i = mails.size() - 1; i >= 0; i--) {
                try {
                    if (mails.get(i).getSubject().contains(subjectPart)) {
                        return mails.get(i).getContent().toString();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no mail to " + address + " with '" + subjectPart + "' in its subject");
    }

    public static String recipient(Message message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first match of a pattern's group 1 in a text. */
    public static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no match for " + regex + " in:\n" + text);
        }
        return m.group(1);
    }
}
