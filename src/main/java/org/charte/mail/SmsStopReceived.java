package org.charte.mail;

import java.time.Instant;

/**
 * A person sent STOP (or ARRÊT, STOP SMS...) to the SMS gateway: they object to marketing by SMS
 * (R9.9, L9), to be honoured at once and without motive (L5). Published through the event
 * publication registry as soon as the SMSC hands the message over, and acknowledged to the SMSC
 * only once recorded, so none is lost. Carries only the sender's number, in E.164, and when it
 * arrived; never the message.
 */
public record SmsStopReceived(String e164From, Instant receivedAt) {}
