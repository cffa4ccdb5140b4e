package org.charte.marketing.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;
import java.util.stream.Collectors;
import org.charte.marketing.CallerTimeZones;
import org.charte.marketing.FrenchRegions;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.ContactsRecorded;
import org.springframework.stereotype.Component;

/**
 * Keeps a person's audience facts ({@code marketing_audience}, V32) true in the transaction that
 * records or rectifies their contacts: the suppression-keyed hashes of their e-mails and phones,
 * whether they have an e-mail, a phone, a postal address a letter can reach ({@link LetterAddress#deliverable}), their regions ({@link FrenchRegions}) and
 * time zones ({@link CallerTimeZones}). Nothing personal in clear.
 */
@Component
class AudienceFacts implements ContactsRecorded {

    private final SuppressionList suppressions;
    private final JdbcAudience rows;
    private final Clock clock;

    AudienceFacts(SuppressionList suppressions, JdbcAudience rows, Clock clock) {
        this.suppressions = suppressions;
        this.rows = rows;
        this.clock = clock;
    }

    @Override
    public void recorded(UUID subjectId, Contacts contacts) {
        rows.replace(of(subjectId, contacts), clock.instant());
    }

    JdbcAudience.Facts of(UUID subjectId, Contacts contacts) {
        var emails = suppressions.hashes(MarketingChannel.EMAIL, contacts);
        var phones = suppressions.hashes(MarketingChannel.SMS, contacts);
        String zones = CallerTimeZones.of(contacts).stream().map(ZoneId::getId).collect(Collectors.joining(" "));
        return new JdbcAudience.Facts(subjectId, !emails.isEmpty(), !phones.isEmpty(), LetterAddress.anyDeliverable(contacts), zones, emails, phones,
                FrenchRegions.of(contacts));
    }
}
