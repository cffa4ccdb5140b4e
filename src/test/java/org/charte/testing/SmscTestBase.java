package org.charte.testing;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application with its SMS gateway bound to the test JVM's SMSC ({@link SmscServer}), the
 * events other modules would hear recorded ({@link RecordedEvents}). Its tests share one context
 * (one database, one gateway): the configuration and the dynamic properties are declared here once,
 * which is what lets Spring's test context cache give them the same one.
 */
@CharteIntegrationTest
@Import(RecordedEvents.class)
@TestPropertySource(properties = {"charte.sms.system-id=" + SmscServer.SYSTEM_ID, "charte.sms.password=" + SmscServer.PASSWORD,
        "charte.sms.source-address=Gestan", "charte.sms.stop-number=36180", "charte.sms.retry-base=PT0.2S", "charte.sms.retry-max=PT1S",
        "charte.sms.poll-delay=PT0.1S", "charte.sms.reconnect-delay=PT0.2S", "charte.sms.response-timeout=PT2S"})
public abstract class SmscTestBase {

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry registry) {
        registry.add("charte.sms.host", () -> "127.0.0.1");
        registry.add("charte.sms.port", () -> SmscServer.shared().port());
    }
}
