package org.charte.rights.internal;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.charte.mail.DoorOut;
import org.charte.mail.Passage;
import org.charte.mail.RecipientRefusedException;
import org.springframework.stereotype.Component;

/**
 * An OpenDSR callback leaves Charte through the one door out (R1.4): an HTTP POST of the signed body
 * to the system that filed the request (the controller's own, hence {@link Passage#toController}),
 * audited there, redirects not followed. Answers the HTTP status, or -1 when no answer came or the
 * door refused it (its host off {@code charte.outbound.allowed-hosts}). The host was also checked
 * against OpenDSR's own allow-list before ({@link OpenDsrCallbackHosts}).
 */
@Component
class OpenDsrCallbackSender {

    private final DoorOut door;

    OpenDsrCallbackSender(DoorOut door) {
        this.door = door;
    }

    int post(URI url, byte[] body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.putAll(headers);
        try {
            return door.post(url, body, all, Passage.toController(PersonalFiles.PURPOSE, null)).status();
        } catch (UncheckedIOException | RecipientRefusedException e) {
            return -1;
        }
    }
}
