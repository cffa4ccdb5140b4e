package org.charte.mail.internal;

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
 * contexts create scheduled beans too.
 */
@Component
@EnableConfigurationProperties(SmsProperties.class)
class SmsRetry {

    private final SmsProperties settings;
    private final ObjectProvider<TextMessages> messages;
    private final ObjectProvider<ReceivedStops> stops;

    SmsRetry(SmsProperties settings, ObjectProvider<TextMessages> messages, ObjectProvider<ReceivedStops> stops) {
        this.settings = settings;
        this.messages = messages;
        this.stops = stops;
    }

    @Scheduled(fixedDelayString = "${charte.sms.poll-delay:PT5S}", initialDelayString = "PT1S")
    void poll() {
        if (settings.enabled()) {
            messages.getObject().sendPending();
        }
    }

    /** Erases the STOP received that nobody handled within {@link ReceivedStops#KEPT} (their numbers, sealed). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purgeStops() {
        if (settings.enabled()) {
            stops.getObject().purge();
        }
    }
}
