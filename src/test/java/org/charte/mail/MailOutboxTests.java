package org.charte.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.testing.MailServer;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mail outbox against GreenMail on the real database: a mail is sent once, whoever tries to
 * send it and however many try at once (the sender after the commit, retry rounds of this node or
 * another), each holding it under a lease (V37).
 */
class MailOutboxTests extends RightsTestBase {

    @Autowired Outbox outbox;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

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
                ids.add(outbox.queue(address, "Lettre " + i, "Bonjour " + i + ".", Map.of("List-Id", "<lettre.example.org>")));
            }
            // the queueing's lease runs out before the commit (a long transaction): the sender after the commit
            // must get it back before sending, against three outbox rounds that find every mail due
            clock.advance(Duration.ofMinutes(6));
            for (int r = 0; r < rounds.length; r++) {
                rounds[r] = Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < until && ids.stream().anyMatch(id -> outbox.sentAt(id) == null)) {
                        outbox.sendPending();
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
        UUID id = transactions.execute(status -> outbox.queue(sent, "Objet", "Corps."));
        transactions.executeWithoutResult(status -> {
            outbox.queue(rolledBack, "Objet", "Corps.");
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
}
