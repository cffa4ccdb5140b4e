package org.charte.retention.internal;

import java.time.Clock;
import java.time.LocalDate;
import org.charte.common.Zones;
import org.charte.retention.RetentionRuns;
import org.charte.retention.RetentionRuns.Request;
import org.charte.retention.RetentionRuns.RunInProgressException;
import org.charte.retention.RetentionRuns.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * R5.6, every night: a retention run as of today (Paris), on one node of the cluster (the run's
 * lock). Scheduled beans are never lazy: the engine is fetched only when the job runs, so a
 * command such as {@code audit verify} starts without it. {@code charte.retention.cron=-} turns it off.
 */
@Component
class RetentionSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final ObjectProvider<RetentionRuns> runs;
    private final Clock clock;
    private final int batchSize;

    RetentionSchedule(ObjectProvider<RetentionRuns> runs, Clock clock, @Value("${charte.retention.batch-size:500}") int batchSize) {
        this.runs = runs;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(cron = "${charte.retention.cron:0 30 2 * * *}", zone = Zones.PARIS_ID)
    void daily() {
        try {
            RetentionRuns.Report report = runs.getObject().run(new Request(LocalDate.ofInstant(clock.instant(), Zones.PARIS), false,
                    Trigger.SCHEDULED, batchSize), RetentionRuns.ProgressListener.NONE);
            LOG.info("retention run {} as of {}: {} erased, {} archived, {} kept by legal holds", report.id(), report.asOf(), report.erased(),
                    report.archived(), report.heldCount());
        } catch (RunInProgressException e) {
            LOG.info("retention run skipped on this node: {}", e.getMessage());
        }
    }
}
