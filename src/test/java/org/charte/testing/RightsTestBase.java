package org.charte.testing;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The rights tests' shared context: the whole application on its own database (H2 or
 * PostgreSQL), mail sent by SMTP to a GreenMail server, a clock the tests move, rate limits
 * high enough for the tests' own requests (the limits themselves are tested apart; the unsubscribe link's is left as it is), and the public URL
 * mails' links start with, as {@code serve} requires it: the server's own port, on 127.0.0.1; outbound
 * HTTP allowed to 127.0.0.1 only, where tests run their own servers; OpenDSR callbacks there in plain http.
 */
@CharteIntegrationTest
@Import(MutableClock.Configuration.class)
@TestPropertySource(properties = {"charte.rights.rate-limit.capacity=100000", "charte.cookies.consent-rate-limit.capacity=100000",
        "charte.cookies.beacon-rate-limit.capacity=100000", "charte.mail.from=dpo@example.org",
        "charte.public-url=http://127.0.0.1:${local.server.port}",
        "charte.cookies.demo-site=true", "charte.outbound.allowed-hosts=127.0.0.1", "charte.opendsr.callback-allowed-hosts=127.0.0.1",
        "charte.opendsr.callback-plain-http=true"})
public abstract class RightsTestBase {

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", MailServer::port);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }
}
