package org.charte.mail.internal;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.mail.ReceivedStops;
import org.charte.mail.TextMessages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Restores the SMPP session when it is lost and sends what is due, every {@code charte.sms.poll-delay};
 * erases, every hour, the STOP received that were never handled.
 * Touches nothing (no vault, no SMSC) when no SMSC is configured, as the command line's lazy
 * contexts create scheduled beans too. One node of a cluster runs each round (ShedLock); each SMS is
 * claimed besides (its lease).
 */
@Component
@EnableConfigurationProperties(SmsProperties.class)
class SmsRetry {

    private final SmsProperties settings;
    private final ObjectProvider<TextMessages> messages;
    private final ObjectProvider<ReceivedStops> stops;
    private final ObjectProvider<LockingTaskExecutor> locks;

    SmsRetry(SmsProperties settings, ObjectProvider<TextMessages> messages, ObjectProvider<ReceivedStops> stops,
            ObjectProvider<LockingTaskExecutor> locks) {
        this.settings = settings;
        this.messages = messages;
        this.stops = stops;
        this.locks = locks;
    }

    @Scheduled(fixedDelayString = "${charte.sms.poll-delay:PT5S}", initialDelayString = "PT1S")
    void poll() {
        if (settings.enabled()) {
            locks.getObject().executeWithLock((Runnable) () -> messages.getObject().sendPending(),
                    new LockConfiguration(ClockProvider.now(), "mail-sms-retry", Duration.ofMinutes(2), Duration.ZERO));
        }
    }

    /** Erases the STOP received that nobody handled within {@link ReceivedStops#KEPT} (their numbers, sealed). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purgeStops() {
        if (settings.enabled()) {
            locks.getObject().executeWithLock((Runnable) () -> stops.getObject().purge(),
                    new LockConfiguration(ClockProvider.now(), "mail-sms-stop-purge", Duration.ofMinutes(10), Duration.ofSeconds(30)));
        }
    }
}
