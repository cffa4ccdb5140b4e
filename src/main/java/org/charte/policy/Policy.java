package org.charte.policy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
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
        String contentSha256) {

    public record Address(String street, String postalCode, String city, String country) {
        public String oneLine() {
            return street + ", " + postalCode + " " + city;
        }
    }

    public record Controller(String name, String legalForm, String shareCapital, Address address,
            String siret, String rcs, String vat, String legalRepresentative, String email,
            String website) {}

    public record Dpo(String name, String email, Address address) {}

    public record Authority(String name, Address address, String complaintUrl) {}

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

    public record Transfer(String id, String recipient, Text label, List<String> countries,
            List<String> categories, String safeguard) {}

    public record Store(String id, Text label, String location) {}

    public record Storage(List<String> allowedLocations, List<Store> stores) {}

    public enum ConsentCollection { BANNER, BROWSER_SETTINGS }

    public record CookiePurpose(String id, String purpose, Text label, boolean consentRequired,
            List<Text> items, @Nullable Period maxAge) {}

    public record Cookies(ConsentCollection collection, @Nullable Period reaskAfter,
            boolean doNotTrackHonoured, boolean proofKept, List<CookiePurpose> purposes) {}

    public enum Right { ACCESS, RECTIFICATION, ERASURE, RESTRICTION, OBJECTION, PORTABILITY, POST_MORTEM }

    public record Rights(List<Right> rights, List<String> channels, Address postalAddress,
            String email, @Nullable Period answerDeadline, @Nullable Period extension,
            boolean objectionRequiresMotive, boolean marketingObjectionWithoutMotive,
            boolean recipientsNotified, boolean identityDocumentDeleted) {}

    public enum PhoneBasis { OPPOSITION_LIST, CONSENT }

    public record Marketing(boolean electronicToExistingClientsOnly, boolean unsubscribeLink,
            boolean smsStop, boolean mobileAppSolicitation, PhoneBasis phoneBasis,
            String otherChannels) {}

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

    /** The start events a retention rule may count from. */
    public static final Set<String> START_EVENTS = Set.of(
            "last-contact", "contract-end", "termination", "consent-given", "collection",
            "debit", "request-closed");

    /** The records an archive obligation may keep (L4), as the commerce module holds them. */
    public static final Set<String> RECORD_TYPES = Set.of("subscription", "order", "invoice", "payment");

    /** What an archive obligation counts from, per record: the document's own date, or the end of the contract it evidences. */
    public static final Set<String> ARCHIVE_START_EVENTS = Set.of("document-date", "contract-end");
}
