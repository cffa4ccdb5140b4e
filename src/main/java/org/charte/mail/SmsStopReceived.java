package org.charte.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * A person sent STOP (or ARRÊT, STOP SMS...) to the SMS gateway: they object to marketing by SMS
 * (R9.9, L9), to be honoured at once and without motive (L5). Published through the event
 * publication registry as soon as the SMSC hands the message over, and acknowledged to the SMSC
 * only once recorded, so none is lost. Carries only the id of the STOP received and when it
 * arrived: the registry keeps completed publications, so the sender's number stays sealed in the
 * mail module, opened with {@link ReceivedStops#sender} and erased with {@link ReceivedStops#handled}.
 */
public record SmsStopReceived(UUID inboundId, Instant receivedAt) {}
