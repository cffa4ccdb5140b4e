package org.charte.audit.internal;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.audit.AuditCheckpoints;
import org.charte.common.FailureText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs the audit chain's head every few minutes when entries were appended ({@code charte.audit.checkpoint-interval}, 5 minutes),
 * on one node of a cluster at a time (ShedLock).
 */
@Component
class AuditCheckpointSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointSchedule.class);

    // Beans with @Scheduled are made at start even in the command line's lazy context: the
    // checkpoints (and the vault behind their key) only when the job first runs.
    private final ObjectProvider<AuditCheckpoints> checkpoints;
    private final ObjectProvider<LockingTaskExecutor> locks;

    AuditCheckpointSchedule(ObjectProvider<AuditCheckpoints> checkpoints, ObjectProvider<LockingTaskExecutor> locks) {
        this.checkpoints = checkpoints;
        this.locks = locks;
    }

    @Scheduled(fixedDelayString = "${charte.audit.checkpoint-interval:PT5M}", initialDelayString = "${charte.audit.checkpoint-interval:PT5M}")
    void signIfMoved() {
        locks.getObject().executeWithLock((Runnable) this::sign,
                new LockConfiguration(ClockProvider.now(), "audit-checkpoint", Duration.ofMinutes(4), Duration.ofSeconds(30)));
    }

    private void sign() {
        try {
            checkpoints.getObject().signIfMoved().ifPresent(c -> LOG.info("Audit checkpoint signed: {} entries, key {}", c.entryCount(), c.keyId()));
        } catch (RuntimeException e) {
            LOG.error("Audit checkpoint not signed ({})", FailureText.of(e), e); // the trace keeps Charte's own message only (LoggedFailures)
        }
    }
}
