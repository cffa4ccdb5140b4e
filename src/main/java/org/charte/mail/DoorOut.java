package org.charte.mail;

import java.net.URI;
import java.util.Map;

/**
 * The one door out (R1.4): every way personal data leaves Charte (mails and SMS through the
 * outboxes, downloads of answers, exports, outbound HTTP callbacks) passes here. The door checks
 * the recipient against the {@link RecipientRule} and records an audit entry (who, the purpose,
 * the recipient's category, the person; never content): allowed or refused. A refusal throws
 * {@link RecipientRefusedException}, nothing leaves. Only the door's own classes touch the mail
 * sender, the SMPP session or an HTTP client; an architecture test keeps it so.
 */
public interface DoorOut {

    /**
     * Lets one message or export out through {@code channel}, or refuses it. The outboxes call it when
     * a message is queued (so a refused one is never queued); downloads and exports just before handing
     * the bytes over.
     *
     * @throws RecipientRefusedException when the recipient may not receive data for the purpose (audited)
     */
    void pass(ExitChannel channel, Passage passage);

    /**
     * Posts {@code body} to {@code target} (an outbound callback, e.g. OpenDSR's), once the door let it
     * out: the target's host must be on {@code charte.outbound.allowed-hosts} and the passage allowed by
     * the rule; both refusals are audited and thrown, nothing sent. An allowed post is audited before it
     * is sent. The body is sent as given (already signed by the caller); no redirect is followed.
     *
     * @param headers extra request headers (e.g. a signature, {@code Content-Type}); restricted ones
     *                ({@code Host}, {@code Content-Length}) are refused by the HTTP client
     * @return the answer's status
     * @throws RecipientRefusedException when the host or the recipient is refused (audited)
     * @throws java.io.UncheckedIOException when the target could not be reached or did not answer in time
     */
    HttpExit post(URI target, byte[] body, Map<String, String> headers, Passage passage);

    /** What an outbound HTTP post got back. */
    record HttpExit(int status) {

        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }
}
