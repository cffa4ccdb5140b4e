/**
 * The one door out for messages. Every mail Charte sends (verification codes, answers to rights
 * requests) goes through an outbox table, sealed; it is sent by SMTP when a mail server is
 * configured ({@code spring.mail.host}), and otherwise held, readable on the demo's outbox page.
 * Every SMS goes through an SMS outbox, sealed too, to an SMSC over SMPP 3.4 when one is configured
 * ({@code charte.sms.host}); a STOP received from a person is kept with its number sealed and
 * published as {@link org.charte.mail.SmsStopReceived}, carrying only its id, until whoever handles
 * it opens and erases it through {@link org.charte.mail.ReceivedStops} (R9.9, L9). Whatever leaves
 * (mails, SMS, downloads, exports, outbound posts) first passes {@link org.charte.mail.DoorOut}, which
 * checks the recipient against {@link org.charte.mail.RecipientRule} and audits it (R1.4).
 */
@NullMarked
@ApplicationModule(displayName = "Mail")
package org.charte.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
