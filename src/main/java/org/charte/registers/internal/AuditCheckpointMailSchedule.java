package org.charte.registers.internal;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.common.Zones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the checkpoints' mail leaves ({@code charte.audit.checkpoint-mail-cron}, 07:00 Paris time). Beans
 * with {@code @Scheduled} are made at start even in the command line's lazy context: the mail, and
 * the vault and outbox behind it, only when the job first runs. One node of a cluster sends it (ShedLock).
 */
@Component
class AuditCheckpointMailSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointMailSchedule.class);

    private final ObjectProvider<AuditCheckpointMail> mail;
    private final ObjectProvider<LockingTaskExecutor> locks;

    AuditCheckpointMailSchedule(ObjectProvider<AuditCheckpointMail> mail, ObjectProvider<LockingTaskExecutor> locks) {
        this.mail = mail;
        this.locks = locks;
    }

    @Scheduled(cron = "${charte.audit.checkpoint-mail-cron:0 0 7 * * *}", zone = Zones.PARIS_ID)
    void daily() {
        // held an hour at least: a node whose clock lags a little does not send the day's mail again
        locks.getObject().executeWithLock((Runnable) this::send,
                new LockConfiguration(ClockProvider.now(), "registers-audit-checkpoint-mail", Duration.ofHours(2), Duration.ofHours(1)));
    }

    private void send() {
        try {
            mail.getObject().send();
        } catch (RuntimeException e) {
            LOG.error("The audit checkpoints' daily mail was not queued: {}", e.getMessage());
        }
    }
}
