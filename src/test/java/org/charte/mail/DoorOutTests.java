package org.charte.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.testing.MailServer;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one door out (R1.4) over real parts: mail to GreenMail through the outbox, HTTP posts to a
 * server in this JVM. Whatever is refused never leaves and its refusal stays in the audit log (even
 * when the caller's work rolls back); whatever is allowed leaves with an audit entry that holds the
 * recipient's category, never an address or content.
 */
class DoorOutTests extends RightsTestBase {

    @Autowired Outbox outbox;
    @Autowired DoorOut door;
    @Autowired AuditLog audit;
    @Autowired TransactionTemplate transactions;

    /** What the test server received: path, signature header and body. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callback", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("X-Signature") + " "
                    + new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    @DisplayName("R1.4 a mail to a recipient the policy does not list is refused: nothing queued or sent, the refusal audited even though the caller's transaction rolls back")
    void unlistedMailRefused() throws InterruptedException {
        UUID subject = UUID.randomUUID();
        String address = "broker-" + subject + "@example.org";
        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                outbox.queue(Passage.toRecipient("data-broker", "newsletters", subject), address, "Fichier", "Les clients.")))
                .isInstanceOf(RecipientRefusedException.class)
                .hasMessageNotContaining(address);
        Thread.sleep(300);
        assertThat(MailServer.to(address)).isEmpty();
        AuditEntry refusal = audit.forSubject(subject, 10).getFirst();
        assertThat(refusal.event().outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(refusal.event().action()).isEqualTo("send-mail");
        assertThat(refusal.event().purpose()).isEqualTo("newsletters");
        assertThat(refusal.event().resourceId()).isEqualTo("recipient:data-broker");
        assertThat(refusal.event().reason()).isEqualTo("the policy lists no recipient data-broker");
        assertThat(refusal.event().toString()).doesNotContain(address).doesNotContain("Les clients");
    }

    @Test
    @DisplayName("R1.4 a mail to the person themselves passes the door out and is sent; the audit entry names the actor, purpose, recipient category and person, never the address or content")
    void personsOwnMailSent() {
        UUID subject = UUID.randomUUID();
        String address = "person-" + subject + "@example.org";
        UUID id = transactions.execute(status -> outbox.queue(Passage.toPerson("rights-requests", subject), address, "Votre code", "Code 481516."));
        assertThat(outbox.sentAt(id)).isNotNull();
        assertThat(MailServer.to(address)).hasSize(1);
        List<AuditEntry> entries = audit.forSubject(subject, 10);
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().event()).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.ALLOWED);
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.action()).isEqualTo("send-mail");
            assertThat(e.purpose()).isEqualTo("rights-requests");
            assertThat(e.resourceType()).isEqualTo("outbound");
            assertThat(e.resourceId()).isEqualTo("person");
            assertThat(e.toString()).doesNotContain(address).doesNotContain("481516");
        });
    }

    @Test
    @DisplayName("R1.4 an HTTP post to an allowed host passes the door out: the body and headers arrive as given, the status comes back, the post is audited")
    void httpPosted() {
        UUID subject = UUID.randomUUID();
        byte[] body = "{\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
        DoorOut.HttpExit exit = door.post(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback"), body,
                Map.of("X-Signature", "sig-1", "Content-Type", "application/json"), Passage.toPerson("rights-requests", subject));
        assertThat(exit.status()).isEqualTo(202);
        assertThat(exit.successful()).isTrue();
        assertThat(received).containsExactly("/callback sig-1 {\"status\":\"completed\"}");
        assertThat(audit.forSubject(subject, 10)).extracting(e -> e.event().action() + " " + e.event().outcome())
                .containsExactly("http-post ALLOWED");
    }

    @Test
    @DisplayName("R1.4 an HTTP post to a host not on charte.outbound.allowed-hosts, or to a recipient the policy does not list, is refused and audited; nothing reaches the server")
    void httpRefused() {
        UUID subject = UUID.randomUUID();
        int port = server.getAddress().getPort();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        // the same server, under a name that is not on the list
        assertThatThrownBy(() -> door.post(URI.create("http://localhost:" + port + "/callback"), body, Map.of(),
                Passage.toPerson("rights-requests", subject))).isInstanceOf(RecipientRefusedException.class)
                .hasMessageContaining("charte.outbound.allowed-hosts");
        assertThatThrownBy(() -> door.post(URI.create("http://127.0.0.1:" + port + "/callback"), body, Map.of(),
                Passage.toRecipient("support-subcontractors", "newsletters", subject))).isInstanceOf(RecipientRefusedException.class)
                .hasMessageContaining("does not list recipient support-subcontractors for purpose newsletters");
        assertThatThrownBy(() -> door.post(URI.create("file:///etc/passwd"), body, Map.of(),
                Passage.toPerson("rights-requests", subject))).isInstanceOf(RecipientRefusedException.class);
        assertThat(received).isEmpty();
        assertThat(audit.forSubject(subject, 10)).extracting(e -> e.event().action() + " " + e.event().outcome())
                .containsExactly("http-post DENIED", "http-post DENIED", "http-post DENIED");
    }
}
