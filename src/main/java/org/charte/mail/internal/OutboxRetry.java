package org.charte.mail.internal;

import org.charte.mail.Outbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends again, every minute, what the mail server did not take. Kept apart from the outbox: a
 * scheduled bean is created even in the command line's lazy contexts, and this one touches
 * nothing (no vault, no policy) until there is a mail server to send to.
 */
@Component
class OutboxRetry {

    private final ObjectProvider<Outbox> outbox;
    private final ObjectProvider<JavaMailSender> sender;

    OutboxRetry(ObjectProvider<Outbox> outbox, ObjectProvider<JavaMailSender> sender) {
        this.outbox = outbox;
        this.sender = sender;
    }

    @Scheduled(fixedDelayString = "${charte.mail.retry-delay:PT1M}", initialDelayString = "${charte.mail.retry-delay:PT1M}")
    void retry() {
        if (sender.getIfAvailable() != null) {
            outbox.getObject().sendPending();
        }
    }
}
