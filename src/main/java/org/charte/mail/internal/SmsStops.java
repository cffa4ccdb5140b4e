package org.charte.mail.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.mail.ReceivedStops;
import org.charte.mail.SmsStopReceived;
import org.charte.vault.Vault;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The STOP messages received (R9.9, L9): each recorded with its sender's number sealed by the vault,
 * as the SMS outbox seals it, and published as {@link SmsStopReceived} carrying only its id, in the
 * caller's transaction; opened by whoever handles the event, and erased once handled or after
 * {@link ReceivedStops#KEPT}.
 */
@Service
class SmsStops implements ReceivedStops {

    private final JdbcSmsInbound rows;
    private final Vault vault;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;

    SmsStops(JdbcSmsInbound rows, Vault vault, ApplicationEventPublisher events, Ids ids, Clock clock) {
        this.rows = rows;
        this.vault = vault;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** Records a STOP from that number (E.164) and publishes it; its id. */
    UUID received(String e164, Instant receivedAt) {
        UUID id = ids.next();
        rows.insert(id, receivedAt, vault.sealSecret(context(id), e164.getBytes(StandardCharsets.UTF_8)));
        events.publishEvent(new SmsStopReceived(id, receivedAt));
        return id;
    }

    @Override
    public Optional<String> sender(UUID inboundId) {
        return rows.sender(inboundId).map(sealed -> new String(vault.openSecret(context(inboundId), sealed), StandardCharsets.UTF_8));
    }

    @Override
    public void handled(UUID inboundId) {
        rows.delete(inboundId);
    }

    @Override
    public int purge() {
        return rows.deleteBefore(clock.instant().minus(KEPT));
    }

    private static String context(UUID id) {
        return "sms.inbound:" + id;
    }
}
