package org.charte.mail.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code charte.sms.*}: the SMSC Charte binds to as an ESME (SMPP 3.4), and what its SMS say. No
 * host: SMS are held in the outbox, as mails are without a mail server.
 *
 * @param host            the SMSC's host name; empty turns sending off
 * @param port            its SMPP port
 * @param systemId        the ESME's system id the SMSC knows Charte by (at most 15 characters)
 * @param password        its password (at most 8 characters, SMPP 3.4); never logged
 * @param systemType      the system type some SMSCs ask for (often empty)
 * @param bind            {@code transceiver} (sends and receives STOP and delivery receipts) or {@code transmitter} (sends only)
 * @param sourceAddress   the sender id the SMS show: an alphanumeric name (at most 11 characters) or a number
 * @param senderName      the sender's name marketing SMS must carry (default: the source address)
 * @param stopNumber      the number people send STOP to for free (until the policy file says it)
 * @param retryBase       the wait after a failed attempt, doubled at each further failure...
 * @param retryMax        ...up to this
 * @param maxAttempts     attempts after which an SMS is given up (it stays, unsent, with its last error)
 * @param pollDelay       how often the due SMS are sent and a lost connection restored
 * @param reconnectDelay  the wait between two attempts to bind
 * @param responseTimeout how long an answer of the SMSC (bind, submit_sm) is awaited
 * @param enquireLink     the interval of the keep-alive (enquire_link)
 * @param sendThreads     how many SMS are sent at once over the session (each waits for its submit_sm response)
 */
@ConfigurationProperties("charte.sms")
record SmsProperties(@DefaultValue("") String host, @DefaultValue("2775") int port, @DefaultValue("") String systemId,
        @DefaultValue("") String password, @DefaultValue("") String systemType, @DefaultValue("transceiver") String bind,
        @DefaultValue("") String sourceAddress, @DefaultValue("") String senderName, @DefaultValue("") String stopNumber,
        @DefaultValue("PT30S") Duration retryBase, @DefaultValue("PT1H") Duration retryMax, @DefaultValue("20") int maxAttempts,
        @DefaultValue("PT5S") Duration pollDelay, @DefaultValue("PT10S") Duration reconnectDelay,
        @DefaultValue("PT10S") Duration responseTimeout, @DefaultValue("PT30S") Duration enquireLink,
        @DefaultValue("4") int sendThreads) {

    private static final Pattern ALPHANUMERIC_SENDER = Pattern.compile("[A-Za-z0-9 ._-]{1,11}");
    private static final Pattern NUMERIC_SENDER = Pattern.compile("\\+?[0-9]{3,15}");

    boolean enabled() {
        return !host.isBlank();
    }

    boolean transceiver() {
        return "transceiver".equals(bind);
    }

    /** What is wrong with the configuration, each naming the property; never a password or its length. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!enabled()) {
            return problems;
        }
        if (port < 1 || port > 65535) {
            problems.add("charte.sms.port must be between 1 and 65535");
        }
        if (systemId.isBlank() || systemId.length() > 15) {
            problems.add("charte.sms.system-id is required (at most 15 characters)");
        }
        if (password.length() > 8) {
            problems.add("charte.sms.password is longer than SMPP 3.4 allows (8 characters)");
        }
        if (systemType.length() > 12) {
            problems.add("charte.sms.system-type is longer than SMPP 3.4 allows (12 characters)");
        }
        if (!"transceiver".equals(bind) && !"transmitter".equals(bind)) {
            problems.add("charte.sms.bind must be transceiver or transmitter");
        }
        if (!ALPHANUMERIC_SENDER.matcher(sourceAddress).matches() && !NUMERIC_SENDER.matcher(sourceAddress).matches()) {
            problems.add("charte.sms.source-address is required: a sender name of at most 11 letters or digits, or a number");
        }
        if (!stopNumber.isBlank() && !NUMERIC_SENDER.matcher(stopNumber).matches()) {
            problems.add("charte.sms.stop-number must be 3 to 15 digits");
        }
        if (sendThreads < 1 || sendThreads > 64) {
            problems.add("charte.sms.send-threads must be between 1 and 64");
        }
        if (retryBase.isNegative() || retryBase.isZero() || retryMax.compareTo(retryBase) < 0 || maxAttempts < 1) {
            problems.add("charte.sms.retry-base must be positive, retry-max at least retry-base, max-attempts at least 1");
        }
        return problems;
    }

    /** The wait before the next attempt after {@code attempts} failed ones: doubled each time, capped. */
    Duration backoff(int attempts) {
        Duration wait = retryBase;
        for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }

    /**
     * How long a claimed attempt keeps others off the SMS: long enough for every part's response
     * (a crashed sender's SMS is tried again once it passes). Shorter, a second sender would take
     * the SMS while the first is still submitting it, and the person would receive it twice.
     */
    Duration sendLease() {
        return responseTimeout.multipliedBy(SmsEncoding.MAX_PARTS + 1L);
    }

    /** Whether the sender id is a name (TON alphanumeric) rather than a number. */
    boolean alphanumericSender() {
        return !NUMERIC_SENDER.matcher(sourceAddress).matches();
    }

    @Override
    public String toString() {
        return "SmsProperties[" + host + ":" + port + ", system id " + systemId + ", password hidden]";
    }
}
