package org.charte.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.charte.commerce.ContractTerminated;
import org.charte.commerce.InvoicePaid;
import org.charte.commerce.InvoiceUnpaid;
import org.charte.commerce.LitigationClosed;
import org.charte.commerce.LitigationOpened;
import org.charte.mail.SmsStopReceived;
import org.charte.subjects.DeathNotified;
import org.charte.support.TicketClosed;
import org.charte.support.TicketOpened;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Listens, as another module would, to the events commerce, support, subjects and mail publish: through the JDBC
 * event publication registry, after the publishing transaction commits. Import it in a test.
 */
@TestComponent
public class RecordedEvents {

    private final List<Object> received = new CopyOnWriteArrayList<>();

    @ApplicationModuleListener
    void on(ContractTerminated event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(InvoiceUnpaid event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(InvoicePaid event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(LitigationOpened event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(LitigationClosed event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(TicketOpened event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(TicketClosed event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(DeathNotified event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(SmsStopReceived event) {
        received.add(event);
    }

    /** The first event of that type matching, waiting up to 10 seconds for the listener (it runs after commit). */
    public <T> T await(Class<T> type, Predicate<T> matching) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Object event : received) {
                if (type.isInstance(event) && matching.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " received matching; received: " + received);
    }

    public List<Object> all() {
        return List.copyOf(received);
    }
}
