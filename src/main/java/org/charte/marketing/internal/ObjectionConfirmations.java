package org.charte.marketing.internal;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Confirms an objection by mail, through the outbox, in French then English (the person's language
 * is not recorded): the channels and purposes it stops, from when, and the controller. Codes and the
 * policy's labels only; the recipient is the only personal value, and the outbox seals it.
 */
@Component
class ObjectionConfirmations {

    private final Outbox outbox;
    private final MessageSource messages;
    private final Policy policy;

    ObjectionConfirmations(Outbox outbox, MessageSource messages, Policy policy) {
        this.outbox = outbox;
        this.messages = messages;
        this.policy = policy;
    }

    void confirm(UUID subjectId, String email, Set<MarketingChannel> channels, Set<String> purposes, LocalDate day) {
        String subject = text("marketing.confirmation.subject", Locale.FRENCH) + " / " + text("marketing.confirmation.subject", Locale.ENGLISH);
        String body = body(channels, purposes, day, Locale.FRENCH) + "\n\n----\n\n" + body(channels, purposes, day, Locale.ENGLISH);
        outbox.queue(Passage.toPerson(SmsStopObjections.OWN_DATA, subjectId), email, subject, body);
    }

    private String body(Set<MarketingChannel> channels, Set<String> purposes, LocalDate day, Locale locale) {
        String channelList = channels.stream().sorted().map(c -> text("marketing.channel." + c.code(), locale)).collect(Collectors.joining(", "));
        String purposeList = new TreeSet<>(purposes).stream()
                .map(p -> policy.purpose(p).map(pp -> locale.getLanguage().equals("en") ? pp.label().en() : pp.label().fr()).orElse(p))
                .collect(Collectors.joining("; "));
        return messages.getMessage("marketing.confirmation.body", new Object[] {day.toString(), channelList, purposeList, policy.controller().name()},
                locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
