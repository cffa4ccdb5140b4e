package org.charte.marketing.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.subjects.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Derives the audience facts of the people recorded before V32 ({@code marketing_audience_backfill}
 * lists them), once, when the application is ready and before it serves: their contacts are sealed,
 * so the subjects module replays them to {@link AudienceFacts}, a batch per transaction, under a
 * ShedLock lock so that one node of a cluster does it. Idempotent: a batch interrupted is redone.
 */
@Component
class AudienceBackfill {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(AudienceBackfill.class);

    private final JdbcAudience rows;
    /** The facts and the subjects, obtained only when someone is pending: a command that opens no personal data (audit verify) must not load the vault's keys. */
    private final ObjectProvider<AudienceFacts> facts;
    private final ObjectProvider<Subjects> subjects;
    private final ObjectProvider<LockingTaskExecutor> locks;
    private final TransactionTemplate transaction;

    AudienceBackfill(JdbcAudience rows, ObjectProvider<AudienceFacts> facts, ObjectProvider<Subjects> subjects, ObjectProvider<LockingTaskExecutor> locks,
            PlatformTransactionManager transactions) {
        this.rows = rows;
        this.facts = facts;
        this.subjects = subjects;
        this.locks = locks;
        this.transaction = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        locks.getObject().executeWithLock((Runnable) this::run,
                new LockConfiguration(ClockProvider.now(), "marketing-audience-backfill", Duration.ofHours(1), Duration.ZERO));
    }

    /** Derives every pending person's facts; returns how many. */
    int run() {
        int done = 0;
        while (true) {
            List<UUID> batch = rows.pendingBackfill(BATCH);
            if (batch.isEmpty()) {
                break;
            }
            transaction.executeWithoutResult(tx -> {
                subjects.getObject().replayContacts(batch, facts.getObject());
                rows.backfilled(batch);
            });
            done += batch.size();
        }
        if (done > 0) {
            log.info("marketing audience: facts derived for {} people recorded before them", done);
        }
        return done;
    }
}
