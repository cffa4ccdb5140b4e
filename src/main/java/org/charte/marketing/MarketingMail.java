package org.charte.marketing;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.charte.policy.MarketingChannel;
import org.jspecify.annotations.Nullable;

/**
 * Marketing e-mails (R9.9, L5, L9, RFC 8058). Each is queued through the mail outbox only if the
 * person may be solicited by e-mail for that purpose today and the address is not on the suppression
 * list; it carries {@code List-Unsubscribe: <https://…/u/{token}>} and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (no mailto: Charte reads no mailbox), and
 * ends with the sender's identity and the policy's objection instruction whose {@code {link}} is the
 * same address, in the mail's language. The token is an {@link UnsubscribeToken}.
 */
public interface MarketingMail {

    /**
     * Queues a marketing mail in the caller's transaction; empty (nothing queued) when the person may
     * not be solicited by e-mail for {@code purpose} today or the address is suppressed.
     */
    Optional<UUID> queue(UUID subjectId, String purpose, String recipient, Locale language, String subject, String body);

    /** The unsubscribe address of a person, channel and purpose (null: every purpose), valid {@link UnsubscribeToken#VALIDITY}. */
    String unsubscribeUrl(UUID subjectId, MarketingChannel channel, @Nullable String purpose);
}
