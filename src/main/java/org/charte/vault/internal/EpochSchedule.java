package org.charte.vault.internal;

import org.charte.common.Zones;
import org.charte.vault.VaultEpochs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * R8.4, every hour by default: starts a key epoch when the current one has run its length, finishes
 * any rewrap, destroys the epochs past the backup horizon; on one node of the cluster (the
 * rotation's lock). The rotation is fetched only when the job runs, so a command starts without it.
 * {@code charte.vault.epoch-cron=-} turns it off.
 */
@Component
class EpochSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(EpochSchedule.class);

    private final ObjectProvider<VaultEpochs> epochs;

    EpochSchedule(ObjectProvider<VaultEpochs> epochs) {
        this.epochs = epochs;
    }

    @Scheduled(cron = "${charte.vault.epoch-cron:0 7 * * * *}", zone = Zones.PARIS_ID)
    void hourly() {
        try {
            VaultEpochs.Result result = epochs.getObject().maintain();
            if (result.startedEpoch() != null || !result.destroyed().isEmpty()) {
                LOG.info("key epochs: current {}, {} keys rewrapped, destroyed {}", result.currentEpoch(), result.rewrapped(), result.destroyed());
            }
        } catch (VaultEpochs.InProgressException e) {
            LOG.info("key epochs: skipped on this node: {}", e.getMessage());
        }
    }
}
