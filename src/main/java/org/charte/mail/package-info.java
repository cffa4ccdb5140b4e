/**
 * Every mail Charte sends (verification codes, answers to rights requests) goes through an
 * outbox table, sealed; it is sent by SMTP when a mail server is configured
 * ({@code spring.mail.host}), and otherwise held, readable on the demo's outbox page.
 */
@NullMarked
@ApplicationModule(displayName = "Mail")
package org.charte.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
