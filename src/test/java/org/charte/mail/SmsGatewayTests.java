package org.charte.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.charte.audit.AuditLog;
import org.charte.common.InvalidInputException;
import org.charte.testing.RecordedEvents;
import org.charte.testing.SmscServer;
import org.charte.testing.SmscTestBase;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMS gateway against a real SMSC (jSMPP's server side, {@link SmscServer}) on a real database:
 * what leaves (R9.9, L9: data coding, sender, accents, long messages), what comes back (STOP,
 * delivery receipts), and an SMSC that goes away.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmsGatewayTests extends SmscTestBase {

    /** A mail or SMS to the person themselves (R1.4), which the door out lets out. */
    private static final Passage PERSONAL = Passage.toPerson("rights-requests", null);

    @Autowired
    TextMessages sms;

    @Autowired
    RecordedEvents events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate transactions;

    final SmscServer smsc = SmscServer.shared();

    @BeforeEach
    void smscUp() {
        smsc.start();
        smsc.expectPassword(SmscServer.PASSWORD);
        smsc.awaitBound();
    }

    @Test
    @DisplayName("R9.9 L9 an SMS in the GSM alphabet arrives at the SMSC in GSM 7-bit, from the configured sender, accents kept; it is marked sent with the SMSC's id")
    void gsmSms() {
        String text = "Gestan Cloud : votre colis est arrivé à l'agence, où il vous attend. Merci !";
        UUID id = sms.queue(PERSONAL, "06 12 00 00 01", text);

        SmscServer.Submitted received = smsc.awaitSubmitted("33612000001", 1).getFirst();
        assertThat(received.dataCoding()).isEqualTo((byte) 0x00);
        assertThat(received.text()).isEqualTo(text);
        assertThat(received.source()).isEqualTo("Gestan");
        assertThat(received.sourceTon()).isEqualTo(TypeOfNumber.ALPHANUMERIC.value());
        assertThat(received.destinationTon()).isEqualTo(TypeOfNumber.INTERNATIONAL.value());
        assertThat(received.registeredDelivery() & 0x03).as("a delivery receipt is asked for").isEqualTo(1);
        assertThat(received.concatenated()).isFalse();

        TextMessages.Status status = awaitSent(id);
        assertThat(status.smscMessageId()).isEqualTo(received.messageId());
        assertThat(status.attempts()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sms_outbox WHERE id = ? AND recipient IS NULL AND body IS NULL").param(id).query(Integer.class)
                .single()).as("number and text erased once sent").isEqualTo(1);
    }

    @Test
    @DisplayName("R9.9 L9 an SMS with ê, ç or an emoji arrives in UCS-2 (data coding 8) with every accent")
    void ucs2Sms() {
        String text = "Gestan Cloud : arrêt de service prévu à 22 h, votre reçu est prêt 😀";
        sms.queue(PERSONAL, "+33612000002", text);

        SmscServer.Submitted received = smsc.awaitSubmitted("33612000002", 1).getFirst();
        assertThat(received.dataCoding()).isEqualTo((byte) 0x08);
        assertThat(received.text()).isEqualTo(text);
    }

    @Test
    @DisplayName("R9.9 L9 a long SMS arrives in parts with a concatenation header (same reference, numbered) that join into the text")
    void longSms() {
        String text = "Gestan Cloud : ".concat("votre sauvegarde a réussi, prochaine fenêtre à 2 h. ".repeat(8)).strip();
        UUID id = sms.queue(PERSONAL, "+33612000003", text);

        List<SmscServer.Submitted> parts = smsc.awaitSubmitted("33612000003", 7);
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.concatenated()).isTrue();
            assertThat(part.dataCoding()).isEqualTo((byte) 0x08);
            assertThat(part.shortMessage().length).isLessThanOrEqualTo(140);
            assertThat(part.part()[0]).isEqualTo(parts.getFirst().part()[0]);
            assertThat(part.part()[1]).isEqualTo(7);
        });
        assertThat(parts).extracting(part -> part.part()[2]).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
        assertThat(SmscServer.joined(parts)).isEqualTo(text);

        awaitSent(id);
        parts.forEach(part -> smsc.receipt(part, DeliveryReceiptState.DELIVRD));
        await(() -> "DELIVRD".equals(sms.status(id).deliveryState()), "the receipts of every part");
        assertThat(sms.status(id).deliveredAt()).isNotNull();
    }

    @Test
    @DisplayName("R9.9 a delivery receipt from the SMSC is matched to the SMS it reports on")
    void deliveryReceipt() {
        UUID delivered = sms.queue(PERSONAL, "+33612000004", "Gestan Cloud : votre facture est disponible.");
        UUID failed = sms.queue(PERSONAL, "+33612000005", "Gestan Cloud : votre facture est disponible.");
        awaitSent(delivered);
        awaitSent(failed);

        smsc.receipt(smsc.awaitSubmitted("33612000004", 1).getFirst(), DeliveryReceiptState.DELIVRD);
        smsc.receipt(smsc.awaitSubmitted("33612000005", 1).getFirst(), DeliveryReceiptState.UNDELIV);

        await(() -> "DELIVRD".equals(sms.status(delivered).deliveryState()), "the receipt of the delivered SMS");
        await(() -> "UNDELIV".equals(sms.status(failed).deliveryState()), "the receipt of the undelivered SMS");
    }

    @Test
    @DisplayName("R9.9 L9 L5 a STOP sent to the SMSC (deliver_sm) yields SmsStopReceived within a second, carrying an id and never the number, "
            + "kept sealed until handled")
    void stopYieldsEvent() {
        int before = stops().size();
        long start = System.nanoTime();
        smsc.deliver("33698000001", TypeOfNumber.INTERNATIONAL, "36180", " Arrêt SMS ");
        await(() -> stops().size() > before, "a SmsStopReceived");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        SmsStopReceived stop = stops().getLast();
        assertThat(stop.receivedAt()).isNotNull();
        assertThat(stop.toString()).doesNotContain("698000001");

        smsc.deliver("0698000002", TypeOfNumber.NATIONAL, "36180", "stop.");
        await(() -> stops().size() > before + 1, "a second SmsStopReceived");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE '%698000001%' OR serialized_event LIKE '%698000002%'")
                .query(Integer.class).single()).as("the registry never holds the number").isZero();
    }

    @Test
    @DisplayName("R9.9 L9 a message that is not a STOP publishes nothing")
    void otherMessagesPublishNothing() {
        int before = stops().size();
        smsc.deliver("33698000003", TypeOfNumber.INTERNATIONAL, "36180", "Bonjour, à quelle heure livrez-vous ?");
        smsc.deliver("33698000004", TypeOfNumber.INTERNATIONAL, "36180", "STOP");
        await(() -> stops().size() > before, "the STOP's SmsStopReceived");
        assertThat(stops()).hasSize(before + 1);
    }

    @Test
    @DisplayName("R9.9 the SMSC goes down, then up: the SMS queued meanwhile, sealed in the outbox, is delivered once it is back")
    void smscDownThenUp() throws InterruptedException {
        smsc.stop();
        UUID id = sms.queue(PERSONAL, "+33612000006", "Gestan Cloud : votre code est 482913.");
        Thread.sleep(600);
        assertThat(sms.status(id).sentAt()).isNull();
        assertThat(smsc.submittedTo("33612000006")).isEmpty();
        byte[] sealed = jdbc.sql("SELECT recipient FROM sms_outbox WHERE id = ?").param(id).query(byte[].class).single();
        byte[] body = jdbc.sql("SELECT body FROM sms_outbox WHERE id = ?").param(id).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("612000006");
        assertThat(new String(body, StandardCharsets.ISO_8859_1)).doesNotContain("482913");

        smsc.start();
        assertThat(smsc.awaitSubmitted("33612000006", 1).getFirst().text()).isEqualTo("Gestan Cloud : votre code est 482913.");
        awaitSent(id);
    }

    @Test
    @DisplayName("R9.9 an SMS the SMSC refuses is tried again later, logged by its id and reason only, and sent once the SMSC takes it")
    void retriedAfterRefusal(CapturedOutput output) {
        smsc.refuseNext(2);
        UUID id = sms.queue(PERSONAL, "+33612000011", "Gestan Cloud : votre code est 771204.");
        awaitSent(id);
        assertThat(sms.status(id).attempts()).isEqualTo(3);
        assertThat(sms.status(id).lastError()).isNull();
        assertThat(smsc.submittedTo("33612000011")).hasSize(1);
        assertThat(output.getAll()).contains("SMS " + id + " not sent (refused by the SMSC (command status 0x58)); attempt 1 of 20")
                .doesNotContain("612000011").doesNotContain("771204");
    }

    @Test
    @DisplayName("R9.9 a bind the SMSC refuses is logged with host, port and system id, never the password; the link comes back once it is accepted")
    void refusedBind(CapturedOutput output) {
        smsc.expectPassword("other");
        smsc.dropSessions();
        await(() -> output.getAll().contains("refused the bind of system id 'charte'"), "the refused bind in the log");
        assertThat(output.getAll()).contains("127.0.0.1:" + smsc.port()).doesNotContain(SmscServer.PASSWORD);

        smsc.expectPassword(SmscServer.PASSWORD);
        smsc.awaitBound();
        UUID id = sms.queue(PERSONAL, "+33612000007", "Gestan Cloud : de retour.");
        awaitSent(id);
    }

    @Test
    @DisplayName("R9.9 an SMS to no phone number, empty, too long or with control characters is refused and nothing is queued")
    void badInput() {
        int before = jdbc.sql("SELECT COUNT(*) FROM sms_outbox").query(Integer.class).single();
        assertThatThrownBy(() -> sms.queue(PERSONAL, "not a number", "Bonjour")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(InvalidInputException.FieldError::field).containsExactly("phone"));
        assertThatThrownBy(() -> sms.queue(PERSONAL, "+33612000008", " ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> sms.queue(PERSONAL, "+33612000008", "x".repeat(TextMessages.MAX_TEXT + 1))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> sms.queue(PERSONAL, "+33612000008", "ê".repeat(67 * 10 + 1))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(InvalidInputException.FieldError::field).containsExactly("text"));
        assertThatThrownBy(() -> sms.queue(PERSONAL, "+33612000008", "Bonjour\u202E")).isInstanceOf(InvalidInputException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sms_outbox").query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    @DisplayName("R1.4 an SMS to a recipient the policy does not list is refused at the door out: nothing queued, nothing reaches the SMSC, the refusal audited; the person's own number passes and is audited")
    void doorOut() throws InterruptedException {
        UUID subject = UUID.randomUUID();
        // Nothing queued: shown by the SMSC, which gets the control SMS queued after it but never this one (the
        // outbox sends in order of due time). A count of the whole outbox would race other tests' SMS.
        assertThatThrownBy(() -> sms.queue(Passage.toRecipient("data-broker", "newsletters", subject), "+33612000012", "Gestan Cloud : fichier."))
                .isInstanceOf(RecipientRefusedException.class).hasMessageContaining("the policy lists no recipient data-broker")
                .hasMessageNotContaining("33612000012");

        UUID control = sms.queue(Passage.toPerson("rights-requests", subject), "+33612000013", "Gestan Cloud : votre code est 120512.");
        awaitSent(control);
        Thread.sleep(300);
        assertThat(smsc.submittedTo("33612000012")).isEmpty();
        assertThat(smsc.submittedTo("33612000013")).hasSize(1);
        assertThat(audit.forSubject(subject, 10)).extracting(e -> e.event().action() + " " + e.event().resourceId() + " " + e.event().outcome())
                .containsExactlyInAnyOrder("send-sms recipient:data-broker DENIED", "send-sms person ALLOWED");
    }

    @Test
    @DisplayName("R9.9 an SMS queued in a transaction that rolls back is never sent")
    void rolledBack() throws InterruptedException {
        transactions.executeWithoutResult(status -> {
            sms.queue(PERSONAL, "+33612000009", "Gestan Cloud : jamais envoyé.");
            status.setRollbackOnly();
        });
        UUID control = sms.queue(PERSONAL, "+33612000010", "Gestan Cloud : envoyé.");
        awaitSent(control);
        Thread.sleep(300);
        assertThat(smsc.submittedTo("33612000009")).isEmpty();
    }

    @Test
    @DisplayName("R9.9 SMS sent by several senders at once (the gateway's threads and outbox rounds racing them) reach the SMSC once each, all marked sent")
    void sentOnceUnderConcurrentSenders() throws InterruptedException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(sms.queue(PERSONAL, String.format("+336130000%02d", i), "Gestan Cloud : message " + i + "."));
        }
        // outbox rounds started at once beside the gateway's own senders: a claimed SMS stays theirs until its lease ends
        Thread[] rounds = new Thread[3];
        for (int r = 0; r < rounds.length; r++) {
            rounds[r] = Thread.ofPlatform().start(sms::sendPending);
        }
        for (Thread round : rounds) {
            round.join();
        }
        ids.forEach(this::awaitSent);
        Thread.sleep(300);
        for (int i = 0; i < 40; i++) {
            assertThat(smsc.submittedTo(String.format("336130000%02d", i))).as("SMS %d submitted once", i).hasSize(1);
        }
        assertThat(ids).allSatisfy(id -> assertThat(sms.status(id).attempts()).isEqualTo(1));
    }

        @Test
    @DisplayName("L9 the marketing texts' sender and STOP number come from the configuration")
    void marketingFromConfiguration() {
        assertThat(sms.marketing().compose("-20 % sur la sauvegarde.")).isEqualTo("Gestan : -20 % sur la sauvegarde. STOP au 36180");
        assertThat(sms.sending()).isTrue();
    }

    private List<SmsStopReceived> stops() {
        return events.all().stream().filter(SmsStopReceived.class::isInstance).map(SmsStopReceived.class::cast).toList();
    }

    private TextMessages.Status awaitSent(UUID id) {
        await(() -> sms.status(id) != null && sms.status(id).sentAt() != null, "SMS " + id + " sent");
        return sms.status(id);
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
        throw new AssertionError("waited in vain for " + what);
    }
}
