package org.charte.registers.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.common.Days;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.policy.CurrentPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Warns the DPO of a breach whose 72-hour clock runs out (L6, Art. 33(1)): one mail when it
 * becomes near due, one when it is overdue, each once (the row remembers it, in the mail's own
 * transaction). A breach found already overdue gets the overdue mail alone. Every 15 minutes, under
 * a ShedLock lock so one node of a cluster runs it; the thresholds are {@link BreachClock}'s.
 */
@Component
class BreachDeadlineCheck {

    private static final Logger LOG = LoggerFactory.getLogger(BreachDeadlineCheck.class);

    private final JdbcBreaches rows;
    // Beans with @Scheduled are made at start even in the command line's lazy context: the outbox (and
    // the vault behind it) and the policy in force only when the check first runs.
    private final ObjectProvider<Outbox> outbox;
    private final ObjectProvider<CurrentPolicy> policy;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ObjectProvider<LockingTaskExecutor> locks;

    BreachDeadlineCheck(JdbcBreaches rows, ObjectProvider<Outbox> outbox, ObjectProvider<CurrentPolicy> policy, TransactionTemplate transactions, Clock clock,
            ObjectProvider<LockingTaskExecutor> locks) {
        this.rows = rows;
        this.outbox = outbox;
        this.policy = policy;
        this.transactions = transactions;
        this.clock = clock;
        this.locks = locks;
    }

    @Scheduled(fixedDelayString = "${charte.breaches.check-interval:PT15M}", initialDelayString = "${charte.breaches.check-delay:PT1M}")
    void scheduled() {
        locks.getObject().executeWithLock((Runnable) this::check,
                new LockConfiguration(ClockProvider.now(), "registers-breach-clock", Duration.ofMinutes(10), Duration.ofSeconds(30)));
    }

    /** Sends the mails due at the clock's now; returns how many. */
    int check() {
        Instant now = clock.instant();
        int sent = 0;
        for (UUID id : rows.runningUnmailed(BreachClock.overdueIfDiscoveredBy(now), true)) {
            sent += mail(id, true, now) ? 1 : 0;
        }
        for (UUID id : rows.runningUnmailed(BreachClock.nearDueIfDiscoveredBy(now), false)) {
            sent += mail(id, false, now) ? 1 : 0;
        }
        if (sent > 0) {
            LOG.info("{} breach deadline mail(s) queued for the DPO", sent);
        }
        return sent;
    }

    private boolean mail(UUID id, boolean overdue, Instant now) {
        Boolean sent = transactions.execute(status -> {
            if (!rows.markMailed(id, overdue, now)) {
                return false;
            }
            if (overdue) {
                rows.markMailed(id, false, now); // the near-due mail would come too late to help
            }
            Breach breach = rows.find(id).orElseThrow();
            String due = Days.when(breach.clock().dueAt(), Locale.FRENCH);
            String subject = overdue ? "[Charte] Violation : délai de 72 h dépassé / Breach: 72-hour deadline passed"
                    : "[Charte] Violation : notification à la CNIL due le " + due + " / Breach: CNIL notification due";
            String body = (overdue
                    ? "Le délai de 72 heures pour notifier la violation « " + breach.title() + " » à la CNIL est dépassé depuis le " + due
                            + " (heure de Paris). La notification doit maintenant indiquer les motifs du retard (RGPD art. 33(1)).\n\n"
                            + "The 72 hours to notify the breach \"" + breach.title() + "\" to the CNIL ran out on " + due
                            + " (Paris time). The notification must now give the reasons for the delay (GDPR Art. 33(1)).\n"
                    : "La violation « " + breach.title() + " » doit être notifiée à la CNIL avant le " + due
                            + " (heure de Paris), sauf si elle ne présente pas de risque pour les personnes (RGPD art. 33).\n\n"
                            + "The breach \"" + breach.title() + "\" must be notified to the CNIL by " + due
                            + " (Paris time), unless it is unlikely to result in a risk to people (GDPR Art. 33).\n")
                    + "\n" + BreachPages.BASE + "/" + id + "\n";
            outbox.getObject().queue(Passage.toController(BreachLetters.BREACH_PURPOSE, null), policy.getObject().policy().dpo().email(), subject, body);
            return true;
        });
        return Boolean.TRUE.equals(sent);
    }
}
