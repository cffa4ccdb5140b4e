package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.charte.access.AccessRequest.Actor;
import org.charte.audit.AuditLog;
import org.charte.common.Zones;
import org.charte.mail.ReceivedStops;
import org.charte.mail.SmsStopReceived;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.RecordedEvents;
import org.charte.testing.SmscServer;
import org.charte.testing.SmscTestBase;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A STOP received by SMS end to end (R9.9, L9, L5): a real SMSC in the test JVM ({@link SmscServer})
 * delivers it over SMPP, the mail module records it sealed and publishes its id, the marketing
 * module objects for the person at once, suppresses the number and confirms by SMS; on a real
 * database (H2, and PostgreSQL in the db suite).
 */
class SmsStopTests extends SmscTestBase {

    static final String PURPOSE = "newsletters";

    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired Solicitations solicitations;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired Policy policy;
    @Autowired Clock clock;
    @Autowired ApplicationEventPublisher publisher;
    @Autowired TransactionTemplate transactions;
    @Autowired RecordedEvents events;
    @Autowired ReceivedStops receivedStops;

    final SmscServer smsc = SmscServer.shared();

    @BeforeEach
    void smscUp() {
        smsc.start();
        smsc.expectPassword(SmscServer.PASSWORD);
        smsc.awaitBound();
    }

    /** A number of its own, E.164: the suppression list outlives people, and other tests use theirs. */
    static String phone() {
        return "+33699" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    static String digits(String e164) {
        return e164.substring(1);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Zones.PARIS));
    }

    UUID person(String phone) {
        return subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("M.", "TEXTO", "Camille", LocalDate.of(1985, 3, 2)),
                new Contacts(List.of(), List.of(), List.of(phone)), null), today().minusMonths(1));
    }

    /** A person with that phone who consented to SMS for the newsletters. */
    UUID consented(String phone) {
        UUID subject = person(phone);
        choices.consent(Actor.subject(subject), "rights-requests", subject,
                new MarketingChoices.NewConsent(MarketingChannel.SMS, PURPOSE, Means.FORM, "sms-form-v1", null));
        assertThat(solicitations.maySolicit(subject, MarketingChannel.SMS, PURPOSE, today()).allowed()).isTrue();
        return subject;
    }

    boolean maySms(UUID subject) {
        return solicitations.maySolicit(subject, MarketingChannel.SMS, PURPOSE, today()).allowed();
    }

    String confirmation() {
        return policy.marketing().sms().confirmation().fr();
    }

    @Test
    @DisplayName("R9.9 L9 L5 a STOP by SMS objects at once (within a second) on SMS for every marketing purpose, means sms-stop, as the person, "
            + "audited; the number gets the policy's confirmation once; nothing of the number stays in clear")
    void stopObjects() {
        String phone = phone();
        UUID subject = consented(phone);

        long start = System.nanoTime();
        smsc.deliver(digits(phone), TypeOfNumber.INTERNATIONAL, "36180", "Stop");
        await(() -> !maySms(subject), "the objection");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        Choices now = choices.choices(Actor.subject(subject), "rights-requests", subject);
        for (String purpose : choices.purposes()) {
            Basis basis = now.current(MarketingChannel.SMS, purpose).orElseThrow();
            assertThat(basis.kind()).isEqualTo(BasisKind.OBJECTION);
            assertThat(basis.means()).isEqualTo(Means.SMS_STOP);
            assertThat(basis.recordedBy()).isEqualTo("subject:" + subject);
            assertThat(basis.recordedOn()).isEqualTo(today());
        }
        assertThat(now.current(MarketingChannel.EMAIL, PURPOSE)).as("SMS only").isEmpty();
        assertThat(solicitations.maySolicit(subject, MarketingChannel.SMS, PURPOSE, today()).reason()).isEqualTo(SolicitationBasis.Reason.OBJECTED);
        assertThat(solicitations.suppressed(MarketingChannel.SMS, PURPOSE, phone)).isTrue();
        assertThat(audit.forSubject(subject, 50)).as("the consent, then the objection, each decided and audited as the person")
                .filteredOn(e -> e.event().actor().equals("subject:" + subject) && Set.of("write", "object").contains(e.event().action()))
                .hasSizeGreaterThanOrEqualTo(2);

        assertThat(smsc.awaitSubmitted(digits(phone), 1).getFirst().text()).isEqualTo(confirmation());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sms_inbound").query(Integer.class).single()).as("the STOP erased once handled").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ?").param("%" + phone.substring(4) + "%")
                .query(Integer.class).single()).as("the event registry never holds the number").isZero();
        assertThat(events.all()).filteredOn(SmsStopReceived.class::isInstance).isNotEmpty()
                .allSatisfy(e -> assertThat(e.toString()).doesNotContain(phone.substring(4)));
    }

    @Test
    @DisplayName("R9.9 L5 STOP in any case, with spaces, accents or words after it (STOP SMS, ARRET, arrêt, s t o p) objects each time")
    void variants() {
        for (String text : List.of("STOP SMS", "ARRET", " arrêt ", "s t o p", "stop.", "Stop pub merci")) {
            String phone = phone();
            UUID subject = consented(phone);
            smsc.deliver(digits(phone), TypeOfNumber.INTERNATIONAL, "36180", text);
            await(() -> !maySms(subject), "the objection of '" + text + "'");
            assertThat(smsc.awaitSubmitted(digits(phone), 1).getFirst().text()).isEqualTo(confirmation());
        }
    }

    @Test
    @DisplayName("L9 a STOP from a number nobody has is put on the suppression list and confirmed; a person later recorded with it starts objected")
    void unknownNumber() {
        String phone = phone();
        smsc.deliver(digits(phone), TypeOfNumber.INTERNATIONAL, "36180", "STOP");
        assertThat(smsc.awaitSubmitted(digits(phone), 1).getFirst().text()).isEqualTo(confirmation());
        for (String purpose : choices.purposes()) {
            assertThat(solicitations.suppressed(MarketingChannel.SMS, purpose, phone)).as(purpose).isTrue();
        }

        UUID later = person(phone);
        Basis basis = choices.choices(Actor.subject(later), "rights-requests", later).current(MarketingChannel.SMS, PURPOSE).orElseThrow();
        assertThat(basis.kind()).isEqualTo(BasisKind.OBJECTION);
        assertThat(basis.means()).isEqualTo(Means.SUPPRESSION_LIST);
        assertThat(maySms(later)).isFalse();
    }

    @Test
    @DisplayName("R9.9 a message that is not a STOP changes nothing and is not answered")
    void notAStop() {
        String phone = phone();
        UUID subject = consented(phone);
        String control = phone();
        smsc.deliver(digits(phone), TypeOfNumber.INTERNATIONAL, "36180", "Bonjour, je ne veux pas que ça s'arrête");
        smsc.deliver(digits(control), TypeOfNumber.INTERNATIONAL, "36180", "STOP");
        smsc.awaitSubmitted(digits(control), 1);

        assertThat(maySms(subject)).isTrue();
        assertThat(solicitations.suppressed(MarketingChannel.SMS, PURPOSE, phone)).isFalse();
        assertThat(smsc.submittedTo(digits(phone))).isEmpty();
    }

    @Test
    @DisplayName("R9.9 L5 a STOP event delivered again records nothing more and sends no second confirmation")
    void redelivered() {
        String phone = phone();
        UUID subject = consented(phone);
        smsc.deliver(digits(phone), TypeOfNumber.INTERNATIONAL, "36180", "STOP");
        smsc.awaitSubmitted(digits(phone), 1);
        await(() -> !maySms(subject), "the objection");
        long rows = jdbc.sql("SELECT COUNT(*) FROM marketing_basis WHERE subject_id = ?").param(subject).query(Long.class).single();
        SmsStopReceived last = events.all().stream().filter(SmsStopReceived.class::isInstance).map(SmsStopReceived.class::cast).toList().getLast();
        int before = events.all().size();

        transactions.executeWithoutResult(status -> publisher.publishEvent(last));
        await(() -> events.all().size() > before, "the event delivered again");
        String control = phone();
        smsc.deliver(digits(control), TypeOfNumber.INTERNATIONAL, "36180", "STOP");
        smsc.awaitSubmitted(digits(control), 1);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_basis WHERE subject_id = ?").param(subject).query(Long.class).single()).isEqualTo(rows);
        assertThat(smsc.submittedTo(digits(phone))).hasSize(1);
    }

    @Test
    @DisplayName("L9 a STOP received but never handled is erased after two days, its sealed number with it; a recent one is kept")
    void staleStopsErased() {
        UUID stale = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO sms_inbound (id, received_at, sender) VALUES (?, ?, ?)")
                .params(stale, now.minus(ReceivedStops.KEPT).minusSeconds(60).atOffset(ZoneOffset.UTC), new byte[] {1}).update();
        jdbc.sql("INSERT INTO sms_inbound (id, received_at, sender) VALUES (?, ?, ?)")
                .params(recent, now.minusSeconds(60).atOffset(ZoneOffset.UTC), new byte[] {1}).update();

        assertThat(receivedStops.purge()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT id FROM sms_inbound").query(UUID.class).list()).containsExactly(recent);
        receivedStops.handled(recent);
        assertThat(receivedStops.sender(recent)).isEmpty();
    }

    private static void await(BooleanSupplier condition, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            if (condition.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // polls; waits no fixed time
        }
        throw new AssertionError(what + " did not happen within 5 seconds");
    }

    /** The person's rights request as the rights module keeps it, answered, in that language: how Charte knows their language. */
    void answeredRequestIn(UUID subject, String language) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO rights_request (id, reference, type, channel, language, received_on, recorded_at, recorded_by, claimant, status, "
                        + "subject_id, due_on, closed_at, outcome) VALUES (?, ?, 'ACCESS', 'WEB', ?, ?, ?, 'system', ?, 'ANSWERED', ?, ?, ?, 'answered')")
                .params(id, "T-" + id.toString().substring(0, 8), language, today(), clock.instant().atOffset(ZoneOffset.UTC), new byte[] {0}, subject,
                        today().plusMonths(1), clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    @Test
    @DisplayName("R9.9 the STOP confirmation is sent in the person's language when the number is one person's who chose English; in French "
            + "when two people share the number")
    void confirmationInThePersonsLanguage() {
        String phone = phone();
        UUID english = consented(phone);
        answeredRequestIn(english, "en");
        smsc.deliver(digits(phone), TypeOfNumber.INTERNATIONAL, "36180", "STOP");
        assertThat(smsc.awaitSubmitted(digits(phone), 1).getFirst().text()).isEqualTo(policy.marketing().sms().confirmation().en())
                .startsWith("ICS-Informatique: your objection");

        String shared = phone();
        UUID first = consented(shared);
        answeredRequestIn(first, "en");
        consented(shared);
        smsc.deliver(digits(shared), TypeOfNumber.INTERNATIONAL, "36180", "STOP");
        assertThat(smsc.awaitSubmitted(digits(shared), 1).getFirst().text()).isEqualTo(confirmation());
    }
}
