package org.charte.registers.internal;

import org.charte.common.Zones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the checkpoints' mail leaves ({@code charte.audit.checkpoint-mail-cron}, 07:00 Paris time). Beans
 * with {@code @Scheduled} are made at start even in the command line's lazy context: the mail, and
 * the vault and outbox behind it, only when the job first runs.
 */
@Component
class AuditCheckpointMailSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointMailSchedule.class);

    private final ObjectProvider<AuditCheckpointMail> mail;

    AuditCheckpointMailSchedule(ObjectProvider<AuditCheckpointMail> mail) {
        this.mail = mail;
    }

    @Scheduled(cron = "${charte.audit.checkpoint-mail-cron:0 0 7 * * *}", zone = Zones.PARIS_ID)
    void daily() {
        try {
            mail.getObject().send();
        } catch (RuntimeException e) {
            LOG.error("The audit checkpoints' daily mail was not queued: {}", e.getMessage());
        }
    }
}
