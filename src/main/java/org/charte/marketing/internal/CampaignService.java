package org.charte.marketing.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessDecisions.AccessDeniedException;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.commerce.Subscriptions;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.UnknownIdException;
import org.charte.common.Zones;
import org.charte.mail.DoorOut;
import org.charte.mail.ExitChannel;
import org.charte.mail.Passage;
import org.charte.mail.TextMessages;
import org.charte.marketing.Audience;
import org.charte.marketing.CampaignAudiences;
import org.charte.marketing.MarketingMail;
import org.charte.marketing.SolicitationBasis;
import org.charte.marketing.Solicitations;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.Subject;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marketing campaigns (R9.9, R9.10, R4.2, L9): defined, dry-run and sent only by staff whose role
 * the policy names for campaigns ({@code marketing.campaigns.roles}), each operation then decided by
 * the decision point as an aggregate for the campaign's purpose (no grant: no one person is reached
 * by defining or counting); a refusal is audited either way. Sending asks {@link CampaignAudiences}
 * who may be solicited at that instant, renders each message in the person's language, queues it
 * (e-mail through {@link MarketingMail}, SMS through the SMS outbox) and records, in the same
 * transaction, that the person was sent it and an audit entry naming who sent the campaign, its
 * purpose and the person's basis (never the content). A person is sent a campaign once: a sending
 * that stopped half-way resumes where it stopped.
 */
@Service
class CampaignService {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignService.class);
    static final String RESOURCE = "marketing-campaign";
    /** People sent in one transaction: a crash loses at most this batch's work, which a resumed sending redoes. */
    static final int BATCH = 200;
    /** The most people a call list shows at once. */
    static final int CALL_LIST_MAX = 200;

    /** A campaign that names nothing. */
    static final class UnknownCampaignException extends UnknownIdException {
        UnknownCampaignException() {
            super(null, "No campaign has this id.");
        }
    }

    /** An operation the campaign's state or channel does not allow (409). */
    static final class CampaignStateException extends RuntimeException {
        CampaignStateException(String message) {
            super(message);
        }
    }

    /**
     * A post campaign's letter shop list: the letters, in postal code order, and how many eligible
     * people were left out because the decision point refused to read their name or address.
     */
    record PostList(List<LetterAddress> letters, int withheld) {}

    /** One person of a call list: the name when the decision point allowed its reading, else null with the reason. */
    record Callee(UUID subjectId, @Nullable String name, @Nullable String withheld) {}

    private final JdbcCampaigns campaigns;
    private final CampaignAudiences audiences;
    private final MarketingMail mail;
    private final TextMessages texts;
    private final Solicitations solicitations;
    private final Subjects subjects;
    private final Subscriptions subscriptions;
    private final AccessDecisions decisions;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Policy policy;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final DoorOut door;

    CampaignService(JdbcCampaigns campaigns, CampaignAudiences audiences, MarketingMail mail, TextMessages texts, Solicitations solicitations,
            Subjects subjects, Subscriptions subscriptions, AccessDecisions decisions, StaffDirectory staff, AuditLog audit, Policy policy,
            Ids ids, Clock clock, PlatformTransactionManager transactionManager, DoorOut door) {
        this.door = door;
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.mail = mail;
        this.texts = texts;
        this.solicitations = solicitations;
        this.subjects = subjects;
        this.subscriptions = subscriptions;
        this.decisions = decisions;
        this.staff = staff;
        this.audit = audit;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The plan codes a segment may name. */
    List<String> planCodes() {
        return subscriptions.planCodes();
    }

    /** Whether the actor's role is one the policy names for campaigns (to show or hide links; every operation checks again). */
    boolean mayWorkOnCampaigns(Actor actor) {
        return role(actor).map(policy.marketing().campaignRoles()::contains).orElse(false);
    }

    List<Campaign> list(Actor actor) {
        named(actor, "list-campaigns", null);
        return campaigns.list(200);
    }

    Campaign read(Actor actor, UUID id) {
        named(actor, "read-campaign", null);
        return campaigns.find(id).orElseThrow(UnknownCampaignException::new);
    }

    /** Defines a draft; refuses bad input naming each field (nothing stored). */
    Campaign create(Actor actor, CampaignInput.Form form) {
        named(actor, "define-campaign", null);
        Campaign.Definition definition = checked(form);
        decide(actor, definition.purpose());
        UUID id = ids.next();
        transactions.executeWithoutResult(t -> campaigns.insert(id, definition, actor.typedId(), clock.instant()));
        return campaigns.find(id).orElseThrow();
    }

    /** Rewrites a draft (409 once sending began or it was cancelled). */
    Campaign update(Actor actor, UUID id, CampaignInput.Form form) {
        named(actor, "define-campaign", null);
        Campaign current = campaigns.find(id).orElseThrow(UnknownCampaignException::new);
        Campaign.Definition definition = checked(form);
        decide(actor, current.purpose());
        decide(actor, definition.purpose());
        Boolean updated = transactions.execute(t -> campaigns.updateDraft(id, definition, clock.instant()));
        if (!Boolean.TRUE.equals(updated)) {
            throw new CampaignStateException("only a draft campaign can be changed; this one is " + current.status().code());
        }
        return campaigns.find(id).orElseThrow();
    }

    Campaign cancel(Actor actor, UUID id) {
        named(actor, "define-campaign", null);
        Campaign current = campaigns.find(id).orElseThrow(UnknownCampaignException::new);
        decide(actor, current.purpose());
        Boolean cancelled = transactions.execute(t -> campaigns.cancel(id, clock.instant()));
        if (!Boolean.TRUE.equals(cancelled)) {
            throw new CampaignStateException("only a draft campaign can be cancelled; this one is " + current.status().code());
        }
        return campaigns.find(id).orElseThrow();
    }

    /** Who the campaign would reach now, and who not by first exclusion: counts only. */
    Audience dryRun(Actor actor, UUID id) {
        named(actor, "dry-run-campaign", null);
        Campaign campaign = campaigns.find(id).orElseThrow(UnknownCampaignException::new);
        decide(actor, campaign.purpose());
        return audiences.count(campaign.channel(), campaign.purpose(), campaign.segment(), clock.instant());
    }

    /**
     * Sends an e-mail or SMS campaign to everyone eligible now, once: a sent campaign sends nothing
     * more, a sending that stopped resumes without sending anyone twice.
     */
    Campaign send(Actor actor, UUID id) {
        named(actor, "send-campaign", null);
        Campaign campaign = campaigns.find(id).orElseThrow(UnknownCampaignException::new);
        decide(actor, campaign.purpose());
        if (campaign.channel() == MarketingChannel.PHONE) {
            throw new CampaignStateException("a phone campaign is not sent: its call list gives the people who may be called now");
        }
        if (campaign.channel() == MarketingChannel.POST) {
            throw new CampaignStateException("a postal campaign is not sent by Charte: its letter shop's list gives the people who may be written to");
        }
        String stopNumber = campaign.channel() == MarketingChannel.SMS && campaign.status() != CampaignStatus.SENT ? stopNumber() : null;
        switch (campaign.status()) {
            case SENT -> {
                return campaign;
            }
            case CANCELLED -> throw new CampaignStateException("a cancelled campaign is not sent");
            case DRAFT -> transactions.executeWithoutResult(t -> campaigns.startSending(id, actor.typedId(), clock.instant()));
            case SENDING -> LOG.info("Campaign {}: resuming a sending that stopped.", id);
        }
        Instant at = clock.instant();
        Audience audience = audiences.count(campaign.channel(), campaign.purpose(), campaign.segment(), at);
        List<UUID> eligible = new ArrayList<>();
        audiences.eachEligible(campaign.channel(), campaign.purpose(), campaign.segment(), at, eligible::add);
        int sent = 0;
        for (int from = 0; from < eligible.size(); from += BATCH) {
            List<UUID> batch = eligible.subList(from, Math.min(eligible.size(), from + BATCH));
            Integer done = transactions.execute(t -> sendBatch(actor, id, batch, stopNumber));
            sent += done == null ? 0 : done;
        }
        transactions.executeWithoutResult(t -> {
            Campaign locked = campaigns.lock(id).orElseThrow();
            if (locked.status() == CampaignStatus.SENDING) {
                campaigns.finishSending(id, audience.excluded(), clock.instant());
            }
        });
        LOG.info("Campaign {}: {} message(s) queued now, {} eligible.", id, sent, eligible.size());
        return campaigns.find(id).orElseThrow();
    }

    /** One batch, in one transaction, the campaign's row locked so that two nodes never send the same person. */
    private int sendBatch(Actor actor, UUID id, List<UUID> batch, @Nullable String stopNumber) {
        Campaign campaign = campaigns.lock(id).orElseThrow();
        if (campaign.status() != CampaignStatus.SENDING) {
            return 0;
        }
        int sent = 0;
        LocalDate today = LocalDate.now(clock.withZone(Zones.PARIS));
        for (UUID person : batch) {
            if (campaigns.sentTo(id, person)) {
                continue;
            }
            SolicitationBasis.Verdict verdict = solicitations.maySolicit(person, campaign.channel(), campaign.purpose(), today);
            if (!verdict.allowed()) {
                continue;
            }
            if (queue(campaign, person, stopNumber)) {
                campaigns.recordSend(id, person, clock.instant());
                audit.append(new AuditEvent(actor.typedId(), "send", campaign.purpose(), RESOURCE, id.toString(), person, List.of(Subjects.CONTACT),
                        AuditOutcome.ALLOWED, "campaign message by " + campaign.channel().code() + ", basis " + verdict.reason().code()));
                sent++;
            }
        }
        return sent;
    }

    /** Queues the person's message; false when nothing could be (no address, suppressed). */
    private boolean queue(Campaign campaign, UUID person, @Nullable String stopNumber) {
        Contacts contacts = subjects.contactsForSending(person);
        Locale language = CampaignMessages.language(contacts);
        Policy.Marketing marketing = policy.marketing();
        if (campaign.channel() == MarketingChannel.EMAIL) {
            for (String email : contacts.emails()) {
                if (solicitations.suppressed(MarketingChannel.EMAIL, campaign.purpose(), email)) {
                    continue;
                }
                String url = mail.unsubscribeUrl(person, MarketingChannel.EMAIL, campaign.purpose());
                String body = CampaignMessages.render(MarketingChannel.EMAIL, campaign.body(), language, marketing,
                        url + ("en".equals(language.getLanguage()) ? "?lang=en" : ""));
                String subject = CampaignMessages.pick(campaign.subject(), language);
                return mail.queue(person, campaign.purpose(), email, language, subject, body).isPresent();
            }
            return false;
        }
        for (String phone : contacts.phones()) {
            if (solicitations.suppressed(MarketingChannel.SMS, campaign.purpose(), phone)) {
                continue;
            }
            String text = CampaignMessages.render(MarketingChannel.SMS, campaign.body(), language, marketing, stopNumber);
            try {
                texts.queue(Passage.toPerson(campaign.purpose(), person), phone, text);
                return true;
            } catch (InvalidInputException e) {
                LOG.info("Campaign {}: a phone of one person could not take an SMS ({}); trying the next.", campaign.id(), e.errors().size());
            }
        }
        return false;
    }

    /** The number STOP is sent to: the policy's, else the SMS gateway's configuration; without one no SMS campaign leaves (409). */
    private String stopNumber() {
        Policy.SmsStop sms = policy.marketing().sms();
        if (sms != null && sms.number() != null) {
            return sms.number();
        }
        try {
            return texts.marketing().stopNumber();
        } catch (IllegalStateException e) {
            throw new CampaignStateException("an SMS campaign needs the STOP number: set charte.sms.stop-number (or the policy's marketing.sms.stopNumber)");
        }
    }

    /**
     * The people a phone campaign may call now (L2): each person's name read through the decision
     * point for the campaign's purpose (allowed under a grant, audited either way); withheld otherwise.
     */
    List<Callee> callList(Actor actor, UUID id) {
        named(actor, "call-list", null);
        Campaign campaign = campaigns.find(id).orElseThrow(UnknownCampaignException::new);
        if (campaign.channel() != MarketingChannel.PHONE) {
            throw new CampaignStateException("only a phone campaign has a call list");
        }
        if (campaign.status() == CampaignStatus.CANCELLED) {
            throw new CampaignStateException("a cancelled campaign has no call list");
        }
        decide(actor, campaign.purpose());
        List<UUID> people = new ArrayList<>();
        audiences.eachEligible(MarketingChannel.PHONE, campaign.purpose(), campaign.segment(), clock.instant(), person -> {
            if (people.size() < CALL_LIST_MAX) {
                people.add(person);
            }
        });
        List<Callee> callees = new ArrayList<>();
        for (UUID person : people) {
            try {
                Identity identity = subjects.read(actor, campaign.purpose(), Set.of(Subjects.IDENTITY), person).identity();
                callees.add(new Callee(person, identity == null ? null : name(identity), identity == null ? "no identity recorded" : null));
            } catch (AccessDeniedException e) {
                callees.add(new Callee(person, null, e.getMessage()));
            }
        }
        return callees;
    }

    /**
     * A post campaign's list for the letter shop (L9: post is allowed unless the person objected):
     * Charte sends nothing, it gives the names and postal addresses of the people who may be
     * solicited now, each person's read decided by the decision point for the campaign's purpose
     * (allowed under a grant, audited either way; a person it refuses is left out and counted), and
     * records, as a sending does, that each person listed was sent the campaign, once, with an audit
     * entry naming the basis; the export itself is audited. The first list marks the campaign sent;
     * asked again, the list gives the same people again, less anyone who may no longer be solicited.
     */
    PostList postList(Actor actor, UUID id) {
        named(actor, "post-list", null);
        Campaign campaign = campaigns.find(id).orElseThrow(UnknownCampaignException::new);
        if (campaign.channel() != MarketingChannel.POST) {
            throw new CampaignStateException("only a postal campaign has a letter shop's list");
        }
        if (campaign.status() == CampaignStatus.CANCELLED) {
            throw new CampaignStateException("a cancelled campaign has no letter shop's list");
        }
        decide(actor, campaign.purpose());
        boolean again = campaign.status() == CampaignStatus.SENT;
        if (campaign.status() == CampaignStatus.DRAFT) {
            transactions.executeWithoutResult(t -> campaigns.startSending(id, actor.typedId(), clock.instant()));
        }
        Instant at = clock.instant();
        Audience audience = audiences.count(MarketingChannel.POST, campaign.purpose(), campaign.segment(), at);
        List<UUID> eligible = new ArrayList<>();
        audiences.eachEligible(MarketingChannel.POST, campaign.purpose(), campaign.segment(), at, eligible::add);
        if (again) {
            eligible.removeIf(person -> !campaigns.sentTo(id, person));
        }
        // Each read decided (and audited) outside the recording transactions: a refusal is recorded, never rolled back.
        Map<UUID, LetterAddress> letters = new LinkedHashMap<>();
        int withheld = 0;
        for (UUID person : eligible) {
            try {
                Subject read = subjects.read(actor, campaign.purpose(), Set.of(Subjects.IDENTITY, Subjects.CONTACT), person);
                Optional<LetterAddress> letter = read.identity() == null || read.contacts() == null ? Optional.empty()
                        : LetterAddress.of(read.identity(), read.contacts());
                if (letter.isPresent()) {
                    letters.put(person, letter.get());
                } else {
                    withheld++;
                }
            } catch (AccessDeniedException e) {
                withheld++;
            }
        }
        List<UUID> listed = new ArrayList<>(letters.keySet());
        Set<UUID> recorded = new HashSet<>();
        for (int from = 0; from < listed.size(); from += BATCH) {
            List<UUID> batch = listed.subList(from, Math.min(listed.size(), from + BATCH));
            Set<UUID> done = transactions.execute(t -> recordLetters(actor, id, batch, again));
            recorded.addAll(done == null ? Set.of() : done);
        }
        transactions.executeWithoutResult(t -> {
            Campaign locked = campaigns.lock(id).orElseThrow();
            if (locked.status() == CampaignStatus.SENDING) {
                campaigns.finishSending(id, audience.excluded(), clock.instant());
            }
        });
        List<LetterAddress> list = new ArrayList<>();
        letters.forEach((person, letter) -> {
            if (recorded.contains(person)) {
                list.add(letter);
            }
        });
        list.sort(Comparator.comparing(LetterAddress::country).thenComparing(LetterAddress::postalCode).thenComparing(LetterAddress::lastName)
                .thenComparing(LetterAddress::firstNames));
        // The list leaves through the one door out (R1.4), to the controller's own staff who hand it to the letter shop.
        door.pass(ExitChannel.EXPORT, Passage.toController(campaign.purpose(), null).by(actor.typedId()));
        audit.append(new AuditEvent(actor.typedId(), "export-post-list", campaign.purpose(), RESOURCE, id.toString(), null,
                List.of(Subjects.IDENTITY, Subjects.CONTACT), AuditOutcome.ALLOWED, "letter shop list of " + list.size() + " people"
                        + (withheld > 0 ? ", " + withheld + " withheld by the decision point" : "") + (again ? ", given again" : "")));
        LOG.info("Campaign {}: letter shop list of {} people, {} withheld.", id, list.size(), withheld);
        return new PostList(List.copyOf(list), withheld);
    }

    /**
     * Records, in one transaction with the campaign's row locked, that each of these people was sent
     * the letter (once) with its audit entry; returns those who may still be solicited (a list given
     * again records nothing more).
     */
    private Set<UUID> recordLetters(Actor actor, UUID id, List<UUID> batch, boolean again) {
        Campaign campaign = campaigns.lock(id).orElseThrow();
        LocalDate today = LocalDate.now(clock.withZone(Zones.PARIS));
        Set<UUID> listed = new HashSet<>();
        for (UUID person : batch) {
            SolicitationBasis.Verdict verdict = solicitations.maySolicit(person, MarketingChannel.POST, campaign.purpose(), today);
            if (!verdict.allowed()) {
                continue;
            }
            listed.add(person);
            if (!again && campaign.status() == CampaignStatus.SENDING && !campaigns.sentTo(id, person)) {
                campaigns.recordSend(id, person, clock.instant());
                audit.append(new AuditEvent(actor.typedId(), "send", campaign.purpose(), RESOURCE, id.toString(), person,
                        List.of(Subjects.IDENTITY, Subjects.CONTACT), AuditOutcome.ALLOWED, "campaign letter by post (letter shop list), basis "
                                + verdict.reason().code()));
            }
        }
        return listed;
    }

    private static String name(Identity identity) {
        return ((identity.firstNames() == null ? "" : identity.firstNames() + " ") + identity.lastName()).strip();
    }

    /** Per sent campaign, the people it reached who objected on its channel for its purpose after it (R4.2). */
    Map<UUID, Long> objectionsAfter() {
        return campaigns.objectionsAfter();
    }

    private Campaign.Definition checked(CampaignInput.Form form) {
        CampaignInput.Checked checked = CampaignInput.check(form, policy, subscriptions.planCodes());
        InvalidInputException.throwIfAny(checked.errors());
        return checked.definition();
    }

    private Optional<String> role(Actor actor) {
        if (actor.kind() != Actor.Kind.STAFF) {
            return Optional.empty();
        }
        return staff.find(actor.id()).map(StaffMember::role);
    }

    /** Refuses, audited, an actor whose role the policy does not name for campaigns. */
    private void named(Actor actor, String action, @Nullable String purpose) {
        Optional<String> role = role(actor);
        if (role.isPresent() && policy.marketing().campaignRoles().contains(role.get())) {
            return;
        }
        String reason = role.map(r -> "role " + r + " is not named for campaigns by the policy (marketing.campaigns.roles)")
                .orElse("campaigns are defined and sent by staff whose role the policy names");
        audit.append(new AuditEvent(actor.typedId(), action, purpose, RESOURCE, null, null, List.of(), AuditOutcome.DENIED, reason));
        throw new AccessDeniedException(reason);
    }

    /** The decision point, on the aggregate of the campaign's purpose (recorded by it, allowed or refused). */
    private void decide(Actor actor, String purpose) {
        decisions.require(new AccessRequest(actor, purpose, AccessRequest.Action.READ, Set.of(), ResourceRef.aggregate()));
    }
}
