package org.charte.marketing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.common.Zones;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.marketing.MarketingMail;
import org.charte.marketing.Solicitations;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Marketing mails through the outbox, with the RFC 8058 headers and a visible link (L5, L9). */
@Service
class MarketingMailer implements MarketingMail {

    static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final Outbox outbox;
    private final Solicitations solicitations;
    private final UnsubscribeLinks links;
    private final Policy policy;
    private final Clock clock;

    MarketingMailer(Outbox outbox, Solicitations solicitations, UnsubscribeLinks links, Policy policy, Clock clock) {
        this.outbox = outbox;
        this.solicitations = solicitations;
        this.links = links;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Optional<UUID> queue(UUID subjectId, String purpose, String recipient, Locale language, String subject, String body) {
        LocalDate today = LocalDate.now(clock.withZone(Zones.PARIS));
        if (!solicitations.maySolicit(subjectId, MarketingChannel.EMAIL, purpose, today).allowed()
                || solicitations.suppressed(MarketingChannel.EMAIL, purpose, recipient)) {
            return Optional.empty();
        }
        String url = links.url(subjectId, MarketingChannel.EMAIL, purpose);
        boolean english = "en".equals(language.getLanguage());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIST_UNSUBSCRIBE, "<" + url + ">");
        headers.put(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
        return Optional.of(outbox.queue(Passage.toPerson(purpose, subjectId), recipient, subject, body + footer(url + (english ? "?lang=en" : ""), english), headers));
    }

    @Override
    public String unsubscribeUrl(UUID subjectId, MarketingChannel channel, @Nullable String purpose) {
        return links.url(subjectId, channel, purpose);
    }

    private String footer(String url, boolean english) {
        Policy.Marketing marketing = policy.marketing();
        String footer = "\n\n-- \n" + (english ? marketing.sender().en() : marketing.sender().fr()) + "\n";
        String instruction = marketing.objection(MarketingChannel.EMAIL).map(t -> english ? t.en() : t.fr()).orElse("{link}");
        return footer + (instruction.contains("{link}") ? instruction.replace("{link}", url) : instruction + " " + url) + "\n";
    }
}
