package org.charte.policy;

import java.net.URI;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One version of the privacy policy, as the policy file declares it. Every reference between
 * its parts has been checked by the {@link PolicyValidator} before an instance exists.
 */
public record Policy(
        String version,
        LocalDate effectiveDate,
        Text title,
        Controller controller,
        Dpo dpo,
        Authority supervisoryAuthority,
        List<SubjectCategory> subjectCategories,
        List<DataCategory> dataCategories,
        List<Purpose> purposes,
        List<RetentionRule> retentionRules,
        List<Obligation> archive,
        List<Role> roles,
        List<Recipient> recipients,
        List<Transfer> transfers,
        Storage storage,
        Cookies cookies,
        Rights rights,
        Marketing marketing,
        List<Text> securityMeasures,
        @Nullable Breaches breaches,
        String contentSha256,
        @Nullable Changes changes) {

    /** A file written before the changes section (every file but a corrected version's). */
    public Policy(String version, LocalDate effectiveDate, Text title, Controller controller, Dpo dpo,
            Authority supervisoryAuthority, List<SubjectCategory> subjectCategories, List<DataCategory> dataCategories,
            List<Purpose> purposes, List<RetentionRule> retentionRules, List<Obligation> archive, List<Role> roles,
            List<Recipient> recipients, List<Transfer> transfers, Storage storage, Cookies cookies, Rights rights,
            Marketing marketing, List<Text> securityMeasures, @Nullable Breaches breaches, String contentSha256) {
        this(version, effectiveDate, title, controller, dpo, supervisoryAuthority, subjectCategories, dataCategories,
                purposes, retentionRules, archive, roles, recipients, transfers, storage, cookies, rights, marketing,
                securityMeasures, breaches, contentSha256, null);
    }

    /**
     * What a version changes from the version it replaces (L10), clause by clause: the clause is the
     * number of a section of the published text ({@code 5}, {@code 9.1}); each change says what it is,
     * why, from which lint findings or requirements ({@code L4}, {@code R9.9}), and whether it is
     * material (people are told before it applies).
     */
    public record Changes(String from, List<Change> items) {

        public Changes {
            items = List.copyOf(items);
        }

        /** Whether any change is material: people are told of the version before its effective date. */
        public boolean material() {
            return items.stream().anyMatch(Change::material);
        }

        /** The changes of one clause, in file order. */
        public List<Change> of(String clause) {
            return items.stream().filter(c -> c.clause().equals(clause)).toList();
        }
    }

    public record Change(String clause, Text summary, Text reason, List<String> sources, boolean material) {

        public Change {
            sources = List.copyOf(sources);
        }
    }

    public record Address(String street, String postalCode, String city, String country) {
        public String oneLine() {
            return street + ", " + postalCode + " " + city;
        }
    }

    /** The controller; {@code service}, optional, names the service the policy covers ("Gestan Cloud"). */
    public record Controller(String name, String legalForm, String shareCapital, Address address,
            String siret, String rcs, String vat, String legalRepresentative, String email,
            String website, @Nullable String service) {}

    public record Dpo(String name, String email, Address address) {}

    public record Authority(String name, Address address, String complaintUrl) {

        /** The authority's web site: the root of its complaint page's address (pages link its name there, L10). */
        public String website() {
            URI complaint = URI.create(complaintUrl);
            return complaint.getScheme() + "://" + complaint.getRawAuthority() + "/";
        }
    }

    public record SubjectCategory(String id, Text label) {}

    /** Where the data comes from: what the person gives, the relationship, what we reach, what is logged. */
    public enum Source { PROVIDED, RELATIONSHIP, ACCESSED, AUTOMATIC }

    public record DataCategory(String id, Text label, List<Text> items, Source source,
            List<String> subjects, boolean paymentCard) {}

    public enum PurposeGroup { SERVICE, MARKETING, COOKIES }

    public record Purpose(String id, PurposeGroup group, Text label, LegalBasis legalBasis,
            @Nullable Text legitimateInterest, List<String> subjects, List<String> categories,
            List<String> recipients) {}

    /** How long a rule keeps data when it gives no fixed duration. */
    public enum Keep { CONTRACT_DURATION, SITE_LIFETIME }

    /** What happens when a retention period ends. */
    public enum Outcome { ERASE, ARCHIVE, DESTROY, EXPIRE }

    public record RetentionRule(String id, Text label, @Nullable String subjectCategory,
            List<String> categories, List<String> startEvents, @Nullable Period duration,
            @Nullable Keep keep, Outcome then, @Nullable String obligation) {

        public boolean bounded() {
            return duration != null;
        }
    }

    /**
     * A legal obligation that keeps some records of a person in the intermediate archive
     * (archivage intermédiaire, L4) once their active period is over: each record for
     * {@code duration} from its own {@code start} ({@code document-date}: the invoice's or the
     * payment's date; {@code contract-end}: the end of the subscription, the date of the order),
     * with the categories of data the obligation needs, reachable only for {@code purpose} by
     * {@code roles}.
     */
    public record Obligation(String id, Text label, String reference, Period duration, String start,
            List<String> records, List<String> categories, String purpose, List<String> roles) {}

    public enum RoleKind { STAFF, SUBCONTRACTOR }

    /** How a role comes to reach personal data (policy §6.1). */
    public enum AccessMode { INDIVIDUAL_GRANT, ON_CLIENT_SUPPORT_REQUEST, ON_SUPPORT_STAFF_REQUEST, NONE }

    public record Role(String id, Text label, RoleKind kind, AccessMode access,
            boolean commitmentRequired, @Nullable String recipient, List<String> categories,
            List<String> purposes) {}

    public enum RecipientType { INTERNAL, PROCESSOR, AUTHORITY, SOCIAL_NETWORK, PARTNER }

    public record Recipient(String id, Text label, RecipientType type, Text when) {}

    /**
     * A transfer out of where data is stored (§7, R7.2): to which recipient and countries, and the
     * safeguard it rests on (a code the pages put in words) with, optionally, the instrument itself
     * in words (which decision or clauses, who is certified).
     */
    public record Transfer(String id, String recipient, Text label, List<String> countries,
            List<String> categories, String safeguard, @Nullable Text safeguardReference) {}

    public record Store(String id, Text label, String location) {}

    public record Storage(List<String> allowedLocations, List<Store> stores) {}

    public enum ConsentCollection { BANNER, BROWSER_SETTINGS }

    /** Who sets a cookie: the site itself (first party, which the banner can delete) or another company's domain. */
    public enum CookieParty { FIRST, THIRD }

    /**
     * One cookie of the list §9.3 shows (R9.11, L3): its name, how long it lives, who sets it and
     * from which domain's side. The banner deletes a withdrawn purpose's first-party cookies by name.
     */
    public record Cookie(String name, @Nullable Period lifetime, String provider, CookieParty party) {}

    public record CookiePurpose(String id, String purpose, Text label, boolean consentRequired,
            List<Text> items, @Nullable Period maxAge, List<Cookie> cookies) {

        public CookiePurpose {
            items = List.copyOf(items);
            cookies = List.copyOf(cookies);
        }
    }

    public record Cookies(ConsentCollection collection, @Nullable Period reaskAfter,
            boolean doNotTrackHonoured, boolean proofKept, List<CookiePurpose> purposes) {}

    public enum Right { ACCESS, RECTIFICATION, ERASURE, RESTRICTION, OBJECTION, PORTABILITY, POST_MORTEM }

    public record Rights(List<Right> rights, List<String> channels, Address postalAddress,
            String email, @Nullable Period answerDeadline, @Nullable Period extension,
            boolean objectionRequiresMotive, boolean marketingObjectionWithoutMotive,
            boolean recipientsNotified, boolean identityDocumentDeleted) {}

    /** How an e-mail lets its reader unsubscribe: one click (RFC 8058 List-Unsubscribe-Post), or a link to a page. */
    public enum Unsubscribe { ONE_CLICK, LINK }

    /** A paragraph group of §9.2, about some channels (none: a statement such as "no solicitation in the apps"). */
    public record MarketingNotice(Text heading, List<MarketingChannel> channels, List<Text> paragraphs) {}

    /**
     * SMS specifics: the number to which STOP is sent (absent: the SMS gateway's configured number)
     * and the confirmation sent back when a STOP is recorded.
     */
    public record SmsStop(@Nullable String number, Text confirmation) {}

    /**
     * The marketing section (§9.2; R9.9, R9.10, L2, L9): the channels solicitations may use (never
     * push or in-app), the bases each channel rests on, how e-mails unsubscribe, the sender's identity
     * and the objection instruction every message carries (placeholders {@code {link}} for e-mail,
     * {@code {number}} for SMS), STOP, how long objections stay on the suppression list, the purpose
     * through which customer service records objections received otherwise, and the text of §9.2.
     * The marketing purposes are the purposes of group {@code marketing} ({@link Policy#marketingPurposes()}).
     * {@code campaignRoles} are the roles whose staff may define, dry-run and send campaigns (none: nobody).
     */
    public record Marketing(List<MarketingChannel> channels, Map<MarketingChannel, List<MarketingBasis>> bases,
            Unsubscribe unsubscribe, Text sender, Map<MarketingChannel, Text> objection, @Nullable SmsStop sms,
            @Nullable Period suppressionRetention, String otherChannels, Text intro, List<MarketingNotice> notices,
            List<String> campaignRoles) {

        public Marketing {
            channels = List.copyOf(channels);
            bases = Map.copyOf(bases);
            objection = Map.copyOf(objection);
            notices = List.copyOf(notices);
            campaignRoles = List.copyOf(campaignRoles);
        }

        /** A section that names no campaign role (the files written before campaigns). */
        public Marketing(List<MarketingChannel> channels, Map<MarketingChannel, List<MarketingBasis>> bases,
                Unsubscribe unsubscribe, Text sender, Map<MarketingChannel, Text> objection, @Nullable SmsStop sms,
                @Nullable Period suppressionRetention, String otherChannels, Text intro, List<MarketingNotice> notices) {
            this(channels, bases, unsubscribe, sender, objection, sms, suppressionRetention, otherChannels, intro, notices, List.of());
        }

        public boolean allows(MarketingChannel channel) {
            return channels.contains(channel);
        }

        /** The bases a channel rests on; empty for a channel the policy does not use. */
        public List<MarketingBasis> bases(MarketingChannel channel) {
            return bases.getOrDefault(channel, List.of());
        }

        /** What a message on this channel says to stop them, in both languages, if the policy says it. */
        public Optional<Text> objection(MarketingChannel channel) {
            return Optional.ofNullable(objection.get(channel));
        }
    }

    public record Breaches(boolean registerKept, @Nullable Period notifyAuthorityWithin) {}

    public Optional<DataCategory> dataCategory(String id) {
        return dataCategories.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<Purpose> purpose(String id) {
        return purposes.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<Role> role(String id) {
        return roles.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<Recipient> recipient(String id) {
        return recipients.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<SubjectCategory> subjectCategory(String id) {
        return subjectCategories.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Obligation> obligation(String id) {
        return archive.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public Optional<RetentionRule> retentionRule(String id) {
        return retentionRules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public List<Purpose> purposesIn(PurposeGroup group) {
        return purposes.stream().filter(p -> p.group() == group).toList();
    }

    /**
     * The direct-marketing purposes: those a solicitation may serve and a person may consent or object
     * to without a motive (R4.2, GDPR Art. 21(2)-(3)): the purposes of group marketing, and those of the
     * service group that rest on consent (newsletters and e-mail alerts). The one definition: the
     * rights of objection and restriction and the marketing module both take it from here.
     */
    public List<Purpose> marketingPurposes() {
        return purposes.stream().filter(Policy::isDirectMarketing).toList();
    }

    private static boolean isDirectMarketing(Purpose purpose) {
        return purpose.group() == PurposeGroup.MARKETING
                || (purpose.group() == PurposeGroup.SERVICE && purpose.legalBasis() == LegalBasis.CONSENT);
    }

    /** The start events a retention rule may count from. */
    public static final Set<String> START_EVENTS = Set.of(
            "last-contact", "contract-end", "termination", "consent-given", "collection",
            "debit", "request-closed");

    /** The records an archive obligation may keep (L4), as the commerce module holds them. */
    public static final Set<String> RECORD_TYPES = Set.of("subscription", "order", "invoice", "payment");

    /** What an archive obligation counts from, per record: the document's own date, or the end of the contract it evidences. */
    public static final Set<String> ARCHIVE_START_EVENTS = Set.of("document-date", "contract-end");
}
