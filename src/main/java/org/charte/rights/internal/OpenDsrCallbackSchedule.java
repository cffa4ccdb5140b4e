package org.charte.rights.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every few seconds ({@code charte.opendsr.callbacks.poll-delay}): queues the callbacks of status
 * changes and calls those due. Touches nothing until it runs (the command line's lazy contexts).
 */
@Component
class OpenDsrCallbackSchedule {

    private final ObjectProvider<OpenDsrCallbacks> callbacks;

    OpenDsrCallbackSchedule(ObjectProvider<OpenDsrCallbacks> callbacks) {
        this.callbacks = callbacks;
    }

    @Scheduled(fixedDelayString = "${charte.opendsr.callbacks.poll-delay:PT10S}", initialDelayString = "${charte.opendsr.callbacks.poll-delay:PT10S}")
    void run() {
        callbacks.getObject().queueChanges();
        callbacks.getObject().deliverDue();
    }
}
