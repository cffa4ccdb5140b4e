package org.charte.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.testing.MailServer;
import org.charte.vault.Vault;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mail outbox against GreenMail on the real database: a mail is sent once, whoever tries to
 * send it and however many try at once (the sender after the commit, retry rounds of this node or
 * another), each holding it under a lease (V37).
 */
class MailOutboxTests extends RightsTestBase {

    /** A mail or SMS to the person themselves (R1.4), which the door out lets out. */
    private static final Passage PERSONAL = Passage.toPerson("rights-requests", null);

    @Autowired Outbox outbox;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired Vault vault;

    @Test
    @DisplayName("R9.9 mails whose sender's lease ran out, claimed by three retry rounds at once racing that sender, reach the mail server once each, all marked sent and erased")
    void sentOnceUnderConcurrentSenders() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> addresses = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        Thread[] rounds = new Thread[3];
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 30; i++) {
                String address = "lease-" + run + "-" + i + "@example.org";
                addresses.add(address);
                ids.add(outbox.queue(PERSONAL, address, "Lettre " + i, "Bonjour " + i + ".", Map.of("List-Id", "<lettre.example.org>")));
            }
            // the queueing's lease runs out before the commit (a long transaction): the sender after the commit
            // must get it back before sending, against three outbox rounds that find every mail due
            clock.advance(Duration.ofMinutes(6));
            for (int r = 0; r < rounds.length; r++) {
                rounds[r] = Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < until && ids.stream().anyMatch(id -> outbox.sentAt(id) == null)) {
                        round();
                    }
                });
            }
        });
        for (Thread round : rounds) {
            round.join();
        }
        assertThat(ids).allSatisfy(id -> assertThat(outbox.sentAt(id)).as("mail %s sent", id).isNotNull());
        Thread.sleep(300);
        for (String address : addresses) {
            List<MimeMessage> received = MailServer.to(address);
            assertThat(received).as("mails to %s", address).hasSize(1);
            assertThat(received.getFirst().getHeader("List-Id", null)).isEqualTo("<lettre.example.org>");
        }
        for (UUID id : ids) {
            assertThat(jdbc.sql("SELECT attempts FROM mail_outbox WHERE id = ?").param(id).query(Integer.class).single())
                    .as("attempts of %s: its queueing's, and one claim at most", id).isBetween(1, 2);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE id = ? AND recipient IS NULL AND body IS NULL AND headers IS NULL")
                    .param(id).query(Long.class).single()).isOne();
        }
    }

    @Test
    @DisplayName("R9.9 a mail is sent once after its transaction commits, its attempt counted by its queueing; a retry round then finds nothing to send; a rolled-back mail is never sent")
    void sentAfterCommitOnly() throws Exception {
        String sent = "commit-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String rolledBack = "rollback-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        UUID id = transactions.execute(status -> outbox.queue(PERSONAL, sent, "Objet", "Corps."));
        transactions.executeWithoutResult(status -> {
            outbox.queue(PERSONAL, rolledBack, "Objet", "Corps.");
            status.setRollbackOnly();
        });
        assertThat(outbox.sentAt(id)).isNotNull();
        assertThat(MailServer.to(sent)).hasSize(1);
        outbox.sendPending();
        clock.advance(Duration.ofMinutes(10));
        outbox.sendPending();
        Thread.sleep(200);
        assertThat(MailServer.to(sent)).hasSize(1);
        assertThat(MailServer.to(rolledBack)).isEmpty();
        assertThat(jdbc.sql("SELECT attempts FROM mail_outbox WHERE id = ?").param(id).query(Integer.class).single()).isOne();
    }

    @Test
    @DisplayName("R9.9 a mail queued in a transaction inside another is sent after its own commit, whatever the outer one does; one rolled back inside a committed one is never sent")
    void nestedTransactions() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String outerKept = "outer-kept-" + run + "@example.org";
        String innerRolledBack = "inner-rolled-back-" + run + "@example.org";
        String innerKept = "inner-kept-" + run + "@example.org";
        String outerRolledBack = "outer-rolled-back-" + run + "@example.org";
        TransactionTemplate inner = new TransactionTemplate(transactionManager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transactions.executeWithoutResult(status -> {
            outbox.queue(PERSONAL, outerKept, "Objet", "Corps.");
            inner.executeWithoutResult(nested -> {
                outbox.queue(PERSONAL, innerRolledBack, "Objet", "Corps.");
                nested.setRollbackOnly();
            });
        });
        transactions.executeWithoutResult(status -> {
            outbox.queue(PERSONAL, outerRolledBack, "Objet", "Corps.");
            inner.executeWithoutResult(nested -> outbox.queue(PERSONAL, innerKept, "Objet", "Corps."));
            assertThat(MailServer.to(innerKept)).as("sent once its own transaction committed").hasSize(1);
            status.setRollbackOnly();
        });
        Thread.sleep(200);
        assertThat(MailServer.to(outerKept)).hasSize(1);
        assertThat(MailServer.to(innerKept)).hasSize(1);
        assertThat(MailServer.to(innerRolledBack)).isEmpty();
        assertThat(MailServer.to(outerRolledBack)).isEmpty();
    }

    @Test
    @DisplayName("R9.9 mails a stopped node left in the outbox (committed, not sent) are sent once each by three retry rounds racing each other, each round claiming before it sends")
    void leftByAStoppedNodeSentOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> addresses = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String address = "stopped-" + run + "-" + i + "@example.org";
            UUID id = UUID.randomUUID();
            addresses.add(address);
            ids.add(id);
            // as a node leaves a mail when it stops between its commit and the sending: due, no attempt made
            jdbc.sql("INSERT INTO mail_outbox (id, created_at, recipient, subject, body, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(id, clock.instant().atOffset(ZoneOffset.UTC), sealed(id, "recipient", address), sealed(id, "subject", "Lettre " + i),
                            sealed(id, "body", "Bonjour."), clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        }
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Thread[] rounds = new Thread[3];
        for (int r = 0; r < rounds.length; r++) {
            rounds[r] = Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < until && ids.stream().anyMatch(id -> outbox.sentAt(id) == null)) {
                    round();
                }
            });
        }
        for (Thread round : rounds) {
            round.join();
        }
        assertThat(ids).allSatisfy(id -> assertThat(outbox.sentAt(id)).as("mail %s sent", id).isNotNull());
        Thread.sleep(300);
        for (String address : addresses) {
            assertThat(MailServer.to(address)).as("mails to %s", address).hasSize(1);
        }
        assertThat(ids).allSatisfy(id -> assertThat(jdbc.sql("SELECT attempts FROM mail_outbox WHERE id = ?").param(id).query(Integer.class).single())
                .isOne());
    }

    @Test
    @DisplayName("R9.9 the mail server down: mails queued meanwhile stay in the outbox, tried again after growing waits (1 min, 2 min, ...), "
            + "nothing lost; once it is back each reaches it exactly once")
    void mailServerDownThenUp() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> addresses = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        MailServer.down(() -> {
            for (int i = 0; i < 3; i++) {
                String address = "down-" + run + "-" + i + "@example.org";
                addresses.add(address);
                ids.add(outbox.queue(PERSONAL, address, "Pendant la panne " + i, "Bonjour " + i + "."));
            }
            for (UUID id : ids) {
                assertThat(outbox.sentAt(id)).isNull();
                assertThat(attempts(id)).as("the attempt of its queueing, failed").isOne();
                assertThat(waitAfter(id)).as("due again a minute later").isBetween(Duration.ofSeconds(50), Duration.ofMinutes(1));
                assertThat(jdbc.sql("SELECT last_error FROM mail_outbox WHERE id = ?").param(id).query(String.class).single())
                        .as("why, never the address").isNotBlank().doesNotContain("example.org");
            }
            outbox.sendPending();
            assertThat(ids).as("not due yet: no attempt").allSatisfy(id -> assertThat(attempts(id)).isOne());
            clock.advance(Duration.ofSeconds(61));
            outbox.sendPending();
            for (UUID id : ids) {
                assertThat(attempts(id)).isEqualTo(2);
                assertThat(waitAfter(id)).as("the wait doubles").isBetween(Duration.ofSeconds(110), Duration.ofMinutes(2));
            }
            clock.advance(Duration.ofSeconds(121));
            outbox.sendPending();
            assertThat(ids).allSatisfy(id -> assertThat(waitAfter(id)).isBetween(Duration.ofSeconds(230), Duration.ofMinutes(4)));
        });
        clock.advance(Duration.ofSeconds(241));
        outbox.sendPending();
        outbox.sendPending();
        clock.advance(Duration.ofHours(2));
        outbox.sendPending();
        assertThat(ids).allSatisfy(id -> assertThat(outbox.sentAt(id)).as("mail %s sent", id).isNotNull());
        for (int i = 0; i < addresses.size(); i++) {
            List<MimeMessage> received = MailServer.to(addresses.get(i));
            assertThat(received).as("mails to %s", addresses.get(i)).hasSize(1);
            assertThat(attempts(ids.get(i))).isEqualTo(4);
        }
    }

    private int attempts(UUID id) {
        return jdbc.sql("SELECT attempts FROM mail_outbox WHERE id = ?").param(id).query(Integer.class).single();
    }

    /** How long after the clock's now the mail is due again (the test clock runs on, as time does: a little less than the wait set). */
    private Duration waitAfter(UUID id) {
        var next = jdbc.sql("SELECT next_attempt_at FROM mail_outbox WHERE id = ?").param(id).query(OffsetDateTime.class).single();
        return Duration.between(clock.instant(), next.toInstant());
    }

    private byte[] sealed(UUID id, String field, String value) {
        return vault.sealSecret("mail." + field + ":" + id, value.getBytes(StandardCharsets.UTF_8));
    }

    /** One retry round; a round that fails (a lock waited for too long) is simply followed by the next. */
    private void round() {
        try {
            outbox.sendPending();
        } catch (RuntimeException e) {
            Thread.onSpinWait();
        }
    }
}
