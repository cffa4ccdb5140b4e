package org.charte.marketing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Zones;
import org.charte.marketing.Basis;
import org.charte.marketing.MarketingChoices.NewConsent;
import org.charte.marketing.MarketingChoices.NewObjection;
import org.charte.marketing.Means;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group commit of objections (the one-click unsubscribe's writes, L5 L9 R9.9) as one batch, on H2 and PostgreSQL
 * (whose statements are one per batch, over arrays): several people at once, the same person twice, two people sharing
 * an address, a person with and without a current basis; the suppression list's dates moved only forward.
 */
class ObjectionBatchTests extends RightsTestBase {

    static final String NEWSLETTERS = "newsletters";

    @Autowired MarketingService service;
    @Autowired SuppressionList suppressions;
    @Autowired JdbcSuppressions suppressionRows;
    @Autowired Subjects subjects;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    static String email() {
        return "batch-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static String phone() {
        return "+33614" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Zones.PARIS));
    }

    UUID person(Contacts contacts) {
        return subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "LOT", "Alice", LocalDate.of(1980, 1, 2)), contacts, null),
                today().minusMonths(1));
    }

    static Contacts contacts(String email, String phone) {
        return new Contacts(List.of(new PostalAddress(List.of("1 rue du Lot"), "46000", "Cahors", "FR")), List.of(email), List.of(phone));
    }

    MarketingService.PendingObjection oneClick(UUID id, Contacts contacts, Set<MarketingChannel> channels, Set<String> purposes) {
        return new MarketingService.PendingObjection(Actor.subject(id), id,
                new NewObjection(channels, purposes.size() == 1 ? purposes.iterator().next() : null, Means.ONE_CLICK, null), false, contacts,
                channels, purposes);
    }

    List<List<Basis>> write(List<MarketingService.PendingObjection> batch) {
        return new TransactionTemplate(transactions).execute(status -> service.recordObjections(batch));
    }

    String current(UUID id, MarketingChannel channel, String purpose) {
        return jdbc.sql("SELECT kind FROM marketing_basis_current WHERE subject_id = ? AND channel = ? AND purpose = ?")
                .params(id, channel.name(), purpose).query(String.class).optional().orElse(null);
    }

    long objections(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_basis WHERE subject_id = ? AND kind = 'OBJECTION'").param(id).query(Long.class).single();
    }

    List<JdbcSuppressions.Entry> listed(String hash) {
        return jdbc.sql("SELECT address_hash, channel, purpose, objected_on, expires_on FROM marketing_suppression WHERE address_hash = ? "
                        + "ORDER BY channel, purpose").param(hash)
                .query((rs, n) -> new JdbcSuppressions.Entry(rs.getString(1), MarketingChannel.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)))
                .list();
    }

    @Test
    @DisplayName("L5 L9 R9.9 one batch of objections: each person's entries once (the same click twice records one), current bases moved "
            + "to the objection (made where none was), every address suppressed once even when two people share it; the same batch again records nothing")
    void oneBatch() {
        Contacts a = contacts(email(), phone());
        UUID alice = person(a);
        service.consent(Actor.subject(alice), "rights-requests", alice,
                new NewConsent(MarketingChannel.EMAIL, NEWSLETTERS, Means.FORM, "newsletter-form-v3", "https://www.example.org/inscription"));
        String shared = email();
        Contacts b = contacts(shared, phone());
        Contacts c = contacts(shared, phone());
        UUID bob = person(b);
        UUID carol = person(c);
        Set<String> purposes = service.purposes();
        List<MarketingService.PendingObjection> batch = new ArrayList<>();
        batch.add(oneClick(alice, a, EnumSet.of(MarketingChannel.EMAIL), Set.of(NEWSLETTERS)));
        batch.add(oneClick(bob, b, EnumSet.allOf(MarketingChannel.class), purposes));
        batch.add(oneClick(alice, a, EnumSet.of(MarketingChannel.EMAIL), Set.of(NEWSLETTERS)));
        batch.add(oneClick(carol, c, EnumSet.of(MarketingChannel.EMAIL), Set.of(NEWSLETTERS)));

        List<List<Basis>> recorded = write(batch);

        assertThat(recorded).hasSize(4);
        assertThat(recorded.get(0)).hasSize(1);
        assertThat(recorded.get(1)).hasSize(MarketingChannel.values().length * purposes.size());
        assertThat(recorded.get(2)).as("the same click again in the same batch").isEmpty();
        assertThat(recorded.get(3)).hasSize(1);
        assertThat(objections(alice)).isEqualTo(1);
        assertThat(objections(bob)).isEqualTo(MarketingChannel.values().length * purposes.size());
        assertThat(objections(carol)).isEqualTo(1);
        assertThat(current(alice, MarketingChannel.EMAIL, NEWSLETTERS)).as("the consent's current row moved").isEqualTo("OBJECTION");
        for (MarketingChannel channel : MarketingChannel.values()) {
            for (String purpose : purposes) {
                assertThat(current(bob, channel, purpose)).as("made where none was").isEqualTo("OBJECTION");
            }
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_basis_current WHERE subject_id = ?").param(bob).query(Long.class).single())
                .isEqualTo(MarketingChannel.values().length * purposes.size());
        LocalDate kept = suppressions.retention().keptUntil(today());
        String aliceMail = suppressions.hashes(MarketingChannel.EMAIL, a).iterator().next();
        assertThat(listed(aliceMail)).containsExactly(new JdbcSuppressions.Entry(aliceMail, MarketingChannel.EMAIL, NEWSLETTERS, today(), kept));
        assertThat(listed(suppressions.hashes(MarketingChannel.SMS, a).iterator().next())).as("Alice objected by e-mail only").isEmpty();
        String sharedMail = suppressions.hashes(MarketingChannel.EMAIL, b).iterator().next();
        assertThat(listed(sharedMail)).as("Bob's every purpose, Carol's newsletters: one entry each").hasSize(purposes.size())
                .allMatch(e -> e.channel() == MarketingChannel.EMAIL && e.objectedOn().equals(today()) && e.expiresOn().equals(kept));
        assertThat(listed(suppressions.hashes(MarketingChannel.SMS, b).iterator().next())).hasSize(2 * purposes.size()); // SMS and phone

        List<List<Basis>> again = write(batch);

        assertThat(again).hasSize(4).allMatch(List::isEmpty);
        assertThat(objections(alice) + objections(bob) + objections(carol)).isEqualTo(2 + MarketingChannel.values().length * purposes.size());
        assertThat(listed(aliceMail)).hasSize(1);
    }

    @Test
    @DisplayName("L9 a suppression entry moves only to a later objection (or a later end the same day), never back; entries of the same "
            + "address, channel and purpose in one batch leave the latest")
    void suppressionDatesOnlyForward() {
        String x = "x" + UUID.randomUUID().toString().replace("-", "");
        String y = "y" + UUID.randomUUID().toString().replace("-", "");
        LocalDate d1 = LocalDate.of(2026, 3, 1);
        LocalDate d2 = LocalDate.of(2026, 6, 1);
        LocalDate d3 = LocalDate.of(2026, 9, 1);
        new TransactionTemplate(transactions).executeWithoutResult(s -> suppressionRows.putAll(List.of(
                new JdbcSuppressions.Entry(x, MarketingChannel.EMAIL, NEWSLETTERS, d2, d2.plusYears(3)))));

        new TransactionTemplate(transactions).executeWithoutResult(s -> suppressionRows.putAll(List.of(
                new JdbcSuppressions.Entry(x, MarketingChannel.EMAIL, NEWSLETTERS, d1, d1.plusYears(3)),
                new JdbcSuppressions.Entry(y, MarketingChannel.EMAIL, NEWSLETTERS, d3, d3.plusYears(3)),
                new JdbcSuppressions.Entry(y, MarketingChannel.EMAIL, NEWSLETTERS, d1, d1.plusYears(3)),
                new JdbcSuppressions.Entry(y, MarketingChannel.SMS, NEWSLETTERS, d1, d1.plusYears(3)))));

        assertThat(listed(x)).as("an earlier objection does not move it back")
                .containsExactly(new JdbcSuppressions.Entry(x, MarketingChannel.EMAIL, NEWSLETTERS, d2, d2.plusYears(3)));
        assertThat(listed(y)).containsExactly(new JdbcSuppressions.Entry(y, MarketingChannel.EMAIL, NEWSLETTERS, d3, d3.plusYears(3)),
                new JdbcSuppressions.Entry(y, MarketingChannel.SMS, NEWSLETTERS, d1, d1.plusYears(3)));

        new TransactionTemplate(transactions).executeWithoutResult(s -> suppressionRows.putAll(List.of(
                new JdbcSuppressions.Entry(x, MarketingChannel.EMAIL, NEWSLETTERS, d2, d2.plusYears(4)),
                new JdbcSuppressions.Entry(y, MarketingChannel.SMS, NEWSLETTERS, d3, d3.plusYears(3)))));

        assertThat(listed(x)).as("the same day, a later end").containsExactly(new JdbcSuppressions.Entry(x, MarketingChannel.EMAIL, NEWSLETTERS, d2,
                d2.plusYears(4)));
        assertThat(listed(y)).contains(new JdbcSuppressions.Entry(y, MarketingChannel.SMS, NEWSLETTERS, d3, d3.plusYears(3)));
    }
}
