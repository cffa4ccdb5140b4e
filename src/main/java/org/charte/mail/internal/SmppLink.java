package org.charte.mail.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Charte's SMPP 3.4 session with the SMSC, as an ESME: bound as a transceiver (it sends, and receives
 * STOP messages and delivery receipts) or a transmitter, restored after a loss at most every
 * {@code charte.sms.reconnect-delay}. A configuration that cannot work stops the start-up with the
 * property to fix; a refused bind or an unreachable SMSC is logged once per change, by host, port
 * and system id, never with the password. It touches nothing (no database, no SMSC) until an SMSC
 * is configured and the first round of the outbox asks for it.
 */
@Component
class SmppLink implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SmppLink.class);

    /** Why a submission failed, in words fit for a log and the outbox's last_error: no number, no text. */
    static final class SubmitFailed extends Exception {
        SubmitFailed(String reason) {
            super(reason);
        }
    }

    private final SmsProperties settings;
    private final ObjectProvider<SmsInbound> inbound;
    private final Clock clock;
    private @Nullable SMPPSession session;
    private @Nullable Instant lastAttempt;
    private @Nullable String lastProblem;
    private volatile boolean running;

    SmppLink(SmsProperties settings, ObjectProvider<SmsInbound> inbound, Clock clock) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The SMS gateway's configuration is wrong: " + String.join("; ", problems)
                    + ". Fix it, or leave charte.sms.host empty to hold SMS in the outbox.");
        }
        this.settings = settings;
        this.inbound = inbound;
        this.clock = clock;
    }

    /** Whether a session is bound and may send. */
    synchronized boolean bound() {
        return session != null && session.getSessionState().isBound();
    }

    /** Binds when no session is bound and the last attempt is old enough; whether a session is bound. */
    synchronized boolean connect() {
        if (!settings.enabled() || !running) {
            return false;
        }
        if (bound()) {
            return true;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(settings.reconnectDelay()))) {
            return false;
        }
        lastAttempt = now;
        closeQuietly();
        SMPPSession fresh = new SMPPSession();
        fresh.setTransactionTimer(settings.responseTimeout().toMillis());
        fresh.setEnquireLinkTimer((int) settings.enquireLink().toMillis());
        if (settings.transceiver()) {
            fresh.setMessageReceiverListener(inbound.getObject());
        }
        fresh.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED && oldState.isBound()) {
                LOG.warn("The SMPP session with {}:{} closed; SMS wait in the outbox until it is restored.", settings.host(), settings.port());
            }
        });
        try {
            fresh.connectAndBind(settings.host(), settings.port(),
                    new BindParameter(settings.transceiver() ? BindType.BIND_TRX : BindType.BIND_TX, settings.systemId(), settings.password(),
                            settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                    settings.responseTimeout().toMillis());
        } catch (IOException e) {
            fresh.close();
            report(bindProblem(e));
            return false;
        }
        session = fresh;
        lastProblem = null;
        LOG.info("Bound to the SMSC {}:{} as {} ({}).", settings.host(), settings.port(), settings.systemId(), settings.bind());
        return true;
    }

    /** Submits every part of an encoded text to the number; the SMSC's message id of each part. */
    List<String> submit(SmsEncoding.Encoded text, String e164) throws SubmitFailed {
        SMPPSession current;
        synchronized (this) {
            current = session;
        }
        if (current == null || !current.getSessionState().isBound()) {
            throw new SubmitFailed("not bound to the SMSC");
        }
        TypeOfNumber sourceTon = settings.alphanumericSender() ? TypeOfNumber.ALPHANUMERIC
                : settings.sourceAddress().startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN;
        NumberingPlanIndicator sourceNpi = settings.alphanumericSender() ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN;
        String source = SmsNumbers.smscDigits(settings.sourceAddress());
        List<String> ids = new ArrayList<>();
        for (byte[] part : text.parts()) {
            try {
                ids.add(current.submitShortMessage("", sourceTon, sourceNpi, source, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                        SmsNumbers.smscDigits(e164), new ESMClass(text.concatenated() ? 0x40 : 0x00), (byte) 0, (byte) 1, null, null,
                        new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, DataCodings.newInstance(text.dataCoding()), (byte) 0,
                        part).getMessageId());
            } catch (NegativeResponseException e) {
                throw new SubmitFailed("refused by the SMSC (command status 0x" + Integer.toHexString(e.getCommandStatus()) + ")");
            } catch (ResponseTimeoutException e) {
                throw new SubmitFailed("no answer from the SMSC");
            } catch (Exception e) {
                throw new SubmitFailed("not submitted (" + e.getClass().getSimpleName() + ")");
            }
        }
        return ids;
    }

    private String bindProblem(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof NegativeResponseException refused) {
                return "The SMSC " + settings.host() + ":" + settings.port() + " refused the bind of system id '" + settings.systemId()
                        + "' (command status 0x" + Integer.toHexString(refused.getCommandStatus())
                        + "; check charte.sms.system-id and charte.sms.password). SMS wait in the outbox.";
            }
            if (cause instanceof ResponseTimeoutException) {
                return "The SMSC " + settings.host() + ":" + settings.port() + " did not answer the bind of system id '" + settings.systemId()
                        + "' in time (check charte.sms.host, charte.sms.port and the credentials). SMS wait in the outbox.";
            }
        }
        return "The SMSC " + settings.host() + ":" + settings.port() + " cannot be reached (" + e.getClass().getSimpleName()
                + (e.getCause() != null ? ", " + e.getCause().getClass().getSimpleName() : "") + "). SMS wait in the outbox.";
    }

    private void report(String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.warn(problem);
            lastProblem = problem;
        } else {
            LOG.debug(problem);
        }
    }

    private void closeQuietly() {
        if (session != null) {
            session.unbindAndClose();
            session = null;
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!settings.enabled()) {
            LOG.info("No SMSC configured (charte.sms.host): SMS are held in the outbox.");
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        closeQuietly();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
