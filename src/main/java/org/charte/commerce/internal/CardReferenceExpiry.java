package org.charte.commerce.internal;

import java.time.Clock;
import java.time.LocalDate;
import org.charte.commerce.Invoices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * L7, every night: card references (provider token, last four digits) are erased 13 months after the
 * debit. Idempotent, so running it on several nodes at once does no harm. Scheduled beans are never
 * lazy: the service (and through it the vault's master key) is fetched only when the job runs, so a
 * command such as {@code audit verify} starts without them.
 */
@Component
class CardReferenceExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(CardReferenceExpiry.class);

    private final ObjectProvider<Invoices> invoices;
    private final Clock clock;

    CardReferenceExpiry(ObjectProvider<Invoices> invoices, Clock clock) {
        this.invoices = invoices;
        this.clock = clock;
    }

    @Scheduled(cron = "${charte.commerce.card-expiry-cron:0 30 3 * * *}", zone = "Europe/Paris")
    void expire() {
        int erased = invoices.getObject().expireCardReferences(LocalDate.ofInstant(clock.instant(), Checks.PARIS));
        if (erased > 0) {
            LOG.info("{} card reference(s) past 13 months after the debit erased (L7)", erased);
        }
    }
}
