package org.charte.marketing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Zones;
import org.charte.mail.ReceivedStops;
import org.charte.mail.SmsStopReceived;
import org.charte.mail.Passage;
import org.charte.mail.TextMessages;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.Means;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Subjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A STOP received by SMS (R9.9, L9), honoured at once and without motive (L5): everyone whose phone
 * is the sender's number objects on the SMS channel to every marketing purpose, as the person
 * themselves (audited), means {@link Means#SMS_STOP}; the number goes on the suppression list for
 * every marketing purpose even when nobody has it, so that a person recorded with it later starts
 * objected; and the number gets the policy's confirmation by SMS. All in one transaction that also
 * erases the STOP received, so a redelivered event finds nothing left to do and confirms nothing twice.
 */
@Component
class SmsStopObjections {

    private static final Logger LOG = LoggerFactory.getLogger(SmsStopObjections.class);

    /** The purpose a person reaches their own data for. */
    static final String OWN_DATA = "rights-requests";

    private final ReceivedStops stops;
    private final Subjects subjects;
    private final MarketingChoices marketing;
    private final SuppressionList suppressions;
    private final TextMessages texts;
    private final StopConfirmations confirmations;
    private final Clock clock;

    SmsStopObjections(ReceivedStops stops, Subjects subjects, MarketingChoices marketing, SuppressionList suppressions, TextMessages texts,
            StopConfirmations confirmations, Clock clock) {
        this.stops = stops;
        this.subjects = subjects;
        this.marketing = marketing;
        this.suppressions = suppressions;
        this.texts = texts;
        this.confirmations = confirmations;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(SmsStopReceived event) {
        String from = stops.sender(event.inboundId()).orElse(null);
        if (from == null) {
            LOG.info("STOP {} was already handled or erased; nothing to do.", event.inboundId());
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(Zones.PARIS));
        Set<String> hash = suppressions.hashOf(MarketingChannel.SMS, from);
        for (String purpose : marketing.purposes()) {
            suppressions.suppress(hash, MarketingChannel.SMS, purpose, today);
        }
        List<UUID> people = subjects.findByPhone(from);
        for (UUID subjectId : people) {
            marketing.object(Actor.subject(subjectId), OWN_DATA, subjectId,
                    new MarketingChoices.NewObjection(Set.of(MarketingChannel.SMS), null, Means.SMS_STOP, "sms-stop:" + event.inboundId()), false);
        }
        // to the number the STOP came from: the person themselves, whoever of the people found it is
        texts.queue(Passage.toPerson(OWN_DATA, people.size() == 1 ? people.getFirst() : null), from, confirmations.text(people));
        stops.handled(event.inboundId());
        LOG.info("STOP {} recorded: {} person(s) objected to marketing by SMS, the number suppressed, a confirmation queued.", event.inboundId(),
                people.size());
    }
}
