package org.charte.mail.internal;

import java.time.Clock;
import java.time.Instant;
import org.charte.mail.SmsStopReceived;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the SMSC delivers (deliver_sm): delivery receipts, matched to the parts of the SMS sent, and
 * messages people send. A STOP (R9.9, L9) is recorded, its number sealed ({@link SmsStops}), and
 * published as {@link SmsStopReceived} through the event publication registry, both committed before
 * the SMSC is answered: should that fail, the SMSC is told to deliver it again, so no objection is lost. Other messages are not kept. Nothing of a message,
 * nor its number, goes into a log line.
 */
@Component
class SmsInbound implements MessageReceiverListener {

    private static final Logger LOG = LoggerFactory.getLogger(SmsInbound.class);

    private final JdbcSmsOutbox outbox;
    private final SmsStops stops;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SmsInbound(JdbcSmsOutbox outbox, SmsStops stops, TransactionTemplate transactions, Clock clock) {
        this.outbox = outbox;
        this.stops = stops;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm message) throws ProcessRequestException {
        Instant now = clock.instant();
        try {
            if (MessageType.SMSC_DEL_RECEIPT.containedIn(message.getEsmClass())) {
                receipt(message, now);
            } else {
                received(message, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("A message from the SMSC could not be recorded ({}); the SMSC is asked to deliver it again.", e.getClass().getSimpleName());
            throw new ProcessRequestException("not recorded", SMPPConstant.STAT_ESME_RX_T_APPN, e);
        }
    }

    private void receipt(DeliverSm message, Instant now) {
        DeliveryReceipt receipt;
        try {
            receipt = message.getShortMessageAsDeliveryReceipt();
        } catch (Exception e) {
            LOG.info("A delivery receipt the SMSC sent could not be read; it is ignored.");
            return;
        }
        OptionalParameter.Receipted_message_id receipted = message.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
        String id = receipted != null ? receipted.getValueAsString() : receipt.getId();
        String state = receipt.getFinalStatus() == null ? "UNKNOWN" : receipt.getFinalStatus().name();
        Boolean known = transactions.execute(status -> outbox.receipt(id, state, now));
        if (!Boolean.TRUE.equals(known)) {
            LOG.info("A delivery receipt names a message id Charte did not send; it is ignored.");
        }
    }

    private void received(DeliverSm message, Instant now) {
        OptionalParameter.Message_payload payload = message.getOptionalParameter(OptionalParameter.Message_payload.class);
        byte[] bytes = payload != null ? payload.getValue() : message.getShortMessage();
        String text = SmsEncoding.decode(message.getDataCoding(), bytes == null ? new byte[0] : bytes, payload == null && message.isUdhi());
        if (!StopKeyword.isStop(text)) {
            LOG.info("An SMS received is not a STOP; it is not kept.");
            return;
        }
        String from = SmsNumbers.fromSmsc(message.getSourceAddr(), message.getSourceAddrTon());
        if (from == null) {
            LOG.warn("A STOP came from an address that is not a phone number; it cannot be matched and is ignored.");
            return;
        }
        transactions.executeWithoutResult(status -> stops.received(from, now));
        LOG.info("A STOP was received by SMS; the objection is published.");
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // Nothing waits for a mobile to become reachable: the SMSC keeps what it was given.
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported; use deliver_sm", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
