package org.charte.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.DataCoding;
import java.util.function.BooleanSupplier;
import org.jsmpp.util.RandomMessageIDGenerator;

/**
 * A real SMSC in the test JVM, as GreenMail is for mail: jSMPP's server side on a free loopback
 * port. It accepts the ESME whose system id and password it expects, records every submit_sm
 * (answering with a message id), and sends deliver_sm to the bound sessions: messages from a
 * mobile ({@link #deliver}) and delivery receipts ({@link #receipt}). It can stop and start again
 * on the same port, to play an SMSC that goes away. One per JVM ({@link #shared()}).
 */
public final class SmscServer implements ServerMessageReceiverListener {

    public static final String SYSTEM_ID = "charte";
    public static final String PASSWORD = "s3cret";

    /** A submit_sm as the SMSC received it. */
    public record Submitted(String messageId, String source, byte sourceTon, String destination, byte destinationTon, byte dataCoding, byte esmClass,
            byte registeredDelivery, byte[] shortMessage) {

        public boolean concatenated() {
            return (esmClass & 0x40) != 0;
        }

        /** The concatenation header's reference, total and sequence, or null. */
        public int[] part() {
            if (!concatenated() || shortMessage.length < 6 || shortMessage[1] != 0x00) {
                return null;
            }
            return new int[] {shortMessage[3] & 0xFF, shortMessage[4] & 0xFF, shortMessage[5] & 0xFF};
        }

        /** The text of this part, decoded by its data coding (GSM 03.38 unpacked or UCS-2), the header left out. */
        public String text() {
            byte[] body = concatenated() ? Arrays.copyOfRange(shortMessage, 1 + (shortMessage[0] & 0xFF), shortMessage.length) : shortMessage;
            return dataCoding == 0x08 ? new String(body, StandardCharsets.UTF_16BE) : gsm(body);
        }
    }

    /** The GSM 03.38 default alphabet and its extension, written out again here (not Charte's table) to check Charte's encoding. */
    private static final String GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static String gsm(byte[] septets) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < septets.length; i++) {
            if (septets[i] == 0x1B && i + 1 < septets.length) {
                text.append(switch (septets[++i]) {
                    case 0x65 -> '€';
                    case 0x28 -> '{';
                    case 0x29 -> '}';
                    case 0x3C -> '[';
                    case 0x3E -> ']';
                    case 0x14 -> '^';
                    case 0x2F -> '\\';
                    case 0x3D -> '~';
                    case 0x40 -> '|';
                    case 0x0A -> '\f';
                    default -> '?';
                });
            } else {
                text.append(GSM.charAt(septets[i] & 0x7F));
            }
        }
        return text.toString();
    }

    private static SmscServer shared;

    private final int port;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    private final RandomMessageIDGenerator ids = new RandomMessageIDGenerator();
    private volatile String password = PASSWORD;
    private volatile int binds;
    private final AtomicInteger refusals = new AtomicInteger();
    private SMPPServerSessionListener listener;

    private SmscServer(int port) {
        this.port = port;
    }

    /** The JVM's SMSC, started on a free loopback port. */
    public static synchronized SmscServer shared() {
        if (shared == null) {
            try (ServerSocket probe = new ServerSocket(0)) {
                shared = new SmscServer(probe.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shared.start();
        }
        return shared;
    }

    public int port() {
        return port;
    }

    /** Starts listening (again) on its port. */
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        try {
            listener = new SMPPServerSessionListener(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        listener.setMessageReceiverListener(this);
        SMPPServerSessionListener accepting = listener;
        Thread.ofPlatform().daemon().name("smsc-accept").start(() -> {
            while (true) {
                SMPPServerSession session;
                try {
                    session = accepting.accept();
                } catch (IOException e) {
                    return; // closed
                }
                Thread.ofPlatform().daemon().name("smsc-bind").start(() -> bind(session));
            }
        });
    }

    /** Stops as an SMSC that fails: its port closed, every session cut. */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        listener = null;
        sessions.forEach(SMPPServerSession::close);
        sessions.clear();
    }

    /** The password it expects from now on (sessions already bound stay). */
    public void expectPassword(String expected) {
        this.password = expected;
    }

    /** Cuts every bound session, as a restart of the SMSC would; the listener stays open. */
    public void dropSessions() {
        sessions.forEach(SMPPServerSession::close);
        sessions.clear();
    }

    /** How many binds it accepted so far. */
    public int binds() {
        return binds;
    }

    public boolean bound() {
        return sessions.stream().anyMatch(s -> s.getSessionState().isBound());
    }

    /** Waits until an ESME is bound. */
    public void awaitBound() {
        await(this::bound, "an ESME bound");
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5000);
            if (SYSTEM_ID.equals(request.getSystemId()) && password.equals(request.getPassword())) {
                request.accept("test-smsc");
                sessions.add(session);
                binds++;
            } else {
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                // The ESME closes on a refused bind; closing at once could cut the answer before it is read.
                Thread.sleep(2000);
                session.close();
            }
        } catch (TimeoutException | IOException | PDUStringException | IllegalStateException e) {
            session.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close();
        }
    }

    /** Refuses the next {@code count} submit_sm (ESME_RTHROTTLED), as a busy SMSC does. */
    public void refuseNext(int count) {
        refusals.set(count);
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
        }
        String id = ids.newMessageId().getValue();
        submitted.add(new Submitted(id, submit.getSourceAddr(), submit.getSourceAddrTon(), submit.getDestAddress(), submit.getDestAddrTon(),
                submit.getDataCoding(), submit.getEsmClass(), submit.getRegisteredDelivery(), submit.getShortMessage()));
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many submit_sm it accepted so far, to any destination (what the sms benchmark counts). */
    public int received() {
        return submitted.size();
    }

    /** Every submit_sm to a destination (digits as submitted, without "+"), in order. */
    public List<Submitted> submittedTo(String destination) {
        return submitted.stream().filter(s -> s.destination().equals(destination)).toList();
    }

    /** Waits for {@code count} submit_sm to the destination. */
    public List<Submitted> awaitSubmitted(String destination, int count) {
        await(() -> submittedTo(destination).size() >= count, count + " submit_sm to " + destination);
        return submittedTo(destination);
    }

    /** The text the parts to a destination make once joined by their concatenation header (or the one message). */
    public static String joined(List<Submitted> parts) {
        List<Submitted> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(p -> p.part() == null ? 0 : p.part()[2]));
        StringBuilder text = new StringBuilder();
        ordered.forEach(p -> text.append(p.text()));
        return text.toString();
    }

    /** A message from a mobile to the ESME (deliver_sm), in GSM 7-bit when it can be, UCS-2 otherwise. */
    public void deliver(String fromDigits, TypeOfNumber ton, String toAddress, String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '@' && c != '$' && c != '_' && c != '`' && c != '['
                && c != ']' && c != '{' && c != '}' && c != '\\' && c != '^' && c != '~' && c != '|');
        byte[] body = ascii ? text.getBytes(StandardCharsets.US_ASCII) : text.getBytes(StandardCharsets.UTF_16BE);
        deliverSm(fromDigits, ton, toAddress, new ESMClass(), DataCodings.newInstance(ascii ? (byte) 0 : (byte) 8), body);
    }

    /** A delivery receipt for a message id it gave, with its final state (DELIVRD, UNDELIV...). */
    public void receipt(Submitted message, DeliveryReceiptState state) {
        DeliveryReceipt receipt = new DeliveryReceipt(message.messageId(), 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0, new Date(), new Date(),
                state, "000", "");
        deliverSm(message.destination(), TypeOfNumber.INTERNATIONAL, message.source(),
                new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT), DataCodings.ZERO,
                receipt.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void deliverSm(String from, TypeOfNumber ton, String to, ESMClass esm, DataCoding coding, byte[] body) {
        // To every ESME bound as a receiver: several test contexts may be bound at once, each hears it.
        List<SMPPServerSession> receivers = sessions.stream().filter(s -> s.getSessionState().isReceivable()).toList();
        if (receivers.isEmpty()) {
            throw new AssertionError("no ESME bound to receive");
        }
        for (SMPPServerSession session : receivers) {
            try {
                session.deliverShortMessage("", ton, NumberingPlanIndicator.ISDN, from, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, to,
                        esm, (byte) 0, (byte) 0, new RegisteredDelivery(0), coding, body);
            } catch (Exception e) {
                throw new AssertionError("the ESME did not accept the deliver_sm: " + e, e);
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < until) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the SMSC waited in vain for " + what);
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw unsupported();
    }

    private static ProcessRequestException unsupported() {
        return new ProcessRequestException("not supported by the test SMSC", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
