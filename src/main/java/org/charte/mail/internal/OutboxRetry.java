package org.charte.mail.internal;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.mail.Outbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends again, every minute, what the mail server did not take. Kept apart from the outbox: a
 * scheduled bean is created even in the command line's lazy contexts, and this one touches
 * nothing (no vault, no policy) until there is a mail server to send to. One node of a cluster runs
 * each round (ShedLock).
 */
@Component
class OutboxRetry {

    private final ObjectProvider<Outbox> outbox;
    private final ObjectProvider<JavaMailSender> sender;
    private final ObjectProvider<LockingTaskExecutor> locks;

    OutboxRetry(ObjectProvider<Outbox> outbox, ObjectProvider<JavaMailSender> sender, ObjectProvider<LockingTaskExecutor> locks) {
        this.outbox = outbox;
        this.sender = sender;
        this.locks = locks;
    }

    @Scheduled(fixedDelayString = "${charte.mail.retry-delay:PT1M}", initialDelayString = "${charte.mail.retry-delay:PT1M}")
    void retry() {
        if (sender.getIfAvailable() != null) {
            // one node's round at a time; each mail is claimed besides (its lease), so two senders never both send it
            locks.getObject().executeWithLock((Runnable) () -> outbox.getObject().sendPending(),
                    new LockConfiguration(ClockProvider.now(), "mail-outbox-retry", Duration.ofMinutes(10), Duration.ZERO));
        }
    }
}
