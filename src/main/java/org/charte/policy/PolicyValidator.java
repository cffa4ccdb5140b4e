package org.charte.policy;

import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.charte.policy.Policy.AccessMode;
import org.charte.policy.Policy.CookiePurpose;
import org.charte.policy.Policy.DataCategory;
import org.charte.policy.Policy.Obligation;
import org.charte.policy.Policy.Purpose;
import org.charte.policy.Policy.RecipientType;
import org.charte.policy.Policy.RetentionRule;
import org.charte.policy.Policy.Role;
import org.charte.policy.Policy.RoleKind;
import org.charte.policy.Policy.Store;
import org.charte.policy.Policy.Transfer;

/**
 * The rules a well-formed policy must keep, beyond its syntax: every reference resolves, every
 * purpose has its basis, no partner ever receives data, every category is retained by a rule,
 * data stays where the policy says. Each rule of the policy's text that software can check is here.
 */
final class PolicyValidator {

    /** EU member states and the rest of the EEA (ISO 3166-1 alpha-2). */
    static final Set<String> EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
            "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI",
            "ES", "SE", "IS", "LI", "NO");
    static final Set<String> SAFEGUARDS = Set.of("adequacy-decision", "standard-contractual-clauses",
            "binding-corporate-rules");
    /** How a rights request may reach the controller (R9.5). */
    static final Set<String> CHANNELS = Set.of("post", "email", "web");
    /** R5.4: consent and personalisation cookies live 13 months at most. */
    static final Period COOKIE_MAX_AGE = Period.ofMonths(13);
    /** The longest purpose id: a caller names it as a purpose code of at most this length (R4.5, {@code org.charte.access.Purpose}). */
    static final int PURPOSE_ID_MAX = 64;

    private final String file;
    private final Map<String, Integer> lines;
    private final List<PolicyProblem> problems = new ArrayList<>();

    PolicyValidator(String file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = lines;
    }

    private void problem(String at, String message) {
        Integer line = lines.get(at);
        if (line == null && at.contains("/")) {
            line = lines.get(at.substring(0, at.indexOf('/')));
        }
        problems.add(new PolicyProblem(file, line == null ? 0 : line, message));
    }

    List<PolicyProblem> validate(Policy policy) {
        dpo(policy);
        Set<String> subjects = ids(policy.subjectCategories(), Policy.SubjectCategory::id, "subject", "subject category");
        Set<String> categories = ids(policy.dataCategories(), DataCategory::id, "category", "data category");
        Set<String> purposes = ids(policy.purposes(), Purpose::id, "purpose", "purpose");
        for (String id : purposes) {
            if (id.length() > PURPOSE_ID_MAX) {
                problem("purpose:" + id, "purpose id '" + id + "' is longer than " + PURPOSE_ID_MAX
                        + " characters: no access could name it as its purpose");
            }
        }
        Set<String> recipients = ids(policy.recipients(), Policy.Recipient::id, "recipient", "recipient");
        ids(policy.retentionRules(), RetentionRule::id, "retention", "retention rule");
        ids(policy.archive(), Obligation::id, "obligation", "archive obligation");
        ids(policy.roles(), Role::id, "role", "role");
        ids(policy.transfers(), Transfer::id, "transfer", "transfer");
        ids(policy.storage().stores(), Store::id, "store", "data store");
        ids(policy.cookies().purposes(), CookiePurpose::id, "cookie", "cookie purpose");

        for (var category : policy.dataCategories()) {
            refs("category:" + category.id() + "/subjects", "data category '" + category.id() + "'",
                    category.subjects(), subjects, "subject category");
        }
        for (Purpose purpose : policy.purposes()) {
            String at = "purpose:" + purpose.id();
            String what = "purpose '" + purpose.id() + "'";
            refs(at + "/categories", what, purpose.categories(), categories, "data category");
            refs(at + "/subjects", what, purpose.subjects(), subjects, "subject category");
            refs(at + "/recipients", what, purpose.recipients(), recipients, "recipient");
            if (purpose.legalBasis() == LegalBasis.LEGITIMATE_INTEREST && purpose.legitimateInterest() == null) {
                problem(at + "/legalBasis", what + " rests on legitimate interest but does not say which (legitimateInterest)");
            }
        }
        // R4.3: no commercial partnership; data is never communicated to a partner.
        for (var recipient : policy.recipients()) {
            if (recipient.type() == RecipientType.PARTNER) {
                problem("recipient:" + recipient.id() + "/type", "recipient '" + recipient.id()
                        + "' is a commercial partner: the policy excludes any commercial partnership (§4.3, §6.2)");
            }
        }
        retention(policy, subjects, categories);
        archive(policy, categories, purposes);
        roles(policy, categories, purposes, recipients);
        storage(policy, categories, recipients);
        cookies(policy, purposes);
        marketing(policy, purposes);
        for (String channel : policy.rights().channels()) {
            if (!CHANNELS.contains(channel)) {
                problem("rights/rights", "unknown rights-request channel '" + channel + "'; expected one of "
                        + String.join(", ", CHANNELS.stream().sorted().toList()));
            }
        }
        return problems;
    }

    /** R8.1: the system will not run without a designated DPO. */
    private void dpo(Policy policy) {
        if (policy.dpo() == null || policy.dpo().name().isBlank() || policy.dpo().email().isBlank()) {
            problem("top", "no data protection officer (dpo: name, email, address) is designated");
        }
    }

    private <T> Set<String> ids(Collection<T> items, Function<T, String> id, String kind, String what) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String value = id.apply(item);
            if (!value.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                problem(kind + ":" + value, what + " id '" + value + "' must be lower-case words joined by '-'");
            }
            if (!seen.add(value)) {
                problem(kind + ":" + value, what + " '" + value + "' is declared twice");
            }
        }
        return seen;
    }

    private void refs(String at, String what, Collection<String> used, Set<String> known, String kind) {
        for (String ref : used) {
            if (!known.contains(ref)) {
                problem(at, what + " names unknown " + kind + " '" + ref + "'");
            }
        }
    }

    private void retention(Policy policy, Set<String> subjects, Set<String> categories) {
        Set<String> retained = new HashSet<>();
        for (RetentionRule rule : policy.retentionRules()) {
            String at = "retention:" + rule.id();
            String what = "retention rule '" + rule.id() + "'";
            refs(at + "/categories", what, rule.categories(), categories, "data category");
            retained.addAll(rule.categories());
            if (rule.subjectCategory() != null && !subjects.contains(rule.subjectCategory())) {
                problem(at + "/subjectCategory", what + " names unknown subject category '" + rule.subjectCategory() + "'");
            }
            if ((rule.duration() == null) == (rule.keep() == null)) {
                problem(at, what + " must give either a duration (ISO 8601, e.g. P3Y) or keep (contract-duration, site-lifetime), and not both");
            }
            if (rule.duration() != null && rule.startEvents().isEmpty()) {
                problem(at + "/duration", what + " has a duration but no start event (start: e.g. [last-contact])");
            }
            if (rule.then() == Policy.Outcome.ARCHIVE && policy.archive().isEmpty()) {
                problem(at, what + " archives data, so it must name the legal obligation that requires it: declare it in the "
                        + "archive section (archive: accounting, tax, limitation, ...)");
            }
            if (rule.obligation() != null && rule.then() != Policy.Outcome.ARCHIVE) {
                problem(at, what + " names an obligation but does not archive (then: archive)");
            }
            if (rule.obligation() != null && rule.then() == Policy.Outcome.ARCHIVE && !policy.archive().isEmpty()
                    && policy.obligation(rule.obligation()).isEmpty()) {
                problem(at, what + " names unknown archive obligation '" + rule.obligation() + "'");
            }
            for (String event : rule.startEvents()) {
                if (!Policy.START_EVENTS.contains(event)) {
                    problem(at + "/start", what + " counts from unknown event '" + event + "'; expected one of "
                            + String.join(", ", Policy.START_EVENTS.stream().sorted().toList()));
                }
            }
        }
        for (var category : policy.dataCategories()) {
            if (!retained.contains(category.id())) {
                problem("category:" + category.id(), "data category '" + category.id()
                        + "' has no retention rule: every category must say how long it is kept (§5)");
            }
        }
    }

    /**
     * L4: each obligation of the intermediate archive names its legal reference, a duration, what
     * it counts from, records Charte knows, and the purpose and roles through which alone it is
     * reached; that purpose rests on a legal obligation and uses the data the obligation keeps.
     */
    private void archive(Policy policy, Set<String> categories, Set<String> purposes) {
        for (Obligation obligation : policy.archive()) {
            String at = "obligation:" + obligation.id();
            String what = "archive obligation '" + obligation.id() + "'";
            if (obligation.reference().isBlank()) {
                problem(at + "/reference", what + " must give its legal reference (reference: e.g. C. com. L123-22)");
            }
            if (obligation.duration().isZero() || obligation.duration().isNegative()) {
                problem(at + "/duration", what + " must keep records for a positive duration (e.g. P10Y)");
            }
            if (!Policy.ARCHIVE_START_EVENTS.contains(obligation.start())) {
                problem(at + "/start", what + " counts from unknown event '" + obligation.start() + "'; expected one of "
                        + String.join(", ", Policy.ARCHIVE_START_EVENTS.stream().sorted().toList()));
            }
            if (obligation.records().isEmpty()) {
                problem(at + "/records", what + " keeps no record (records: some of "
                        + String.join(", ", Policy.RECORD_TYPES.stream().sorted().toList()) + ")");
            }
            for (String record : obligation.records()) {
                if (!Policy.RECORD_TYPES.contains(record)) {
                    problem(at + "/records", what + " names unknown record type '" + record + "'; expected some of "
                            + String.join(", ", Policy.RECORD_TYPES.stream().sorted().toList()));
                }
            }
            if (obligation.categories().isEmpty()) {
                problem(at + "/categories", what + " names no data category");
            }
            refs(at + "/categories", what, obligation.categories(), categories, "data category");
            if (!purposes.contains(obligation.purpose())) {
                problem(at + "/purpose", what + " names unknown purpose '" + obligation.purpose() + "'");
            } else {
                Purpose purpose = policy.purpose(obligation.purpose()).orElseThrow();
                if (purpose.legalBasis() != LegalBasis.LEGAL_OBLIGATION) {
                    problem(at + "/purpose", what + " is reached for purpose '" + purpose.id()
                            + "', which does not rest on a legal obligation (legalBasis: legal-obligation)");
                }
                for (String category : obligation.categories()) {
                    if (categories.contains(category) && !purpose.categories().contains(category)) {
                        problem(at + "/categories", what + " keeps category '" + category + "', which its purpose '"
                                + purpose.id() + "' does not use");
                    }
                }
            }
            if (obligation.roles().isEmpty()) {
                problem(at + "/roles", what + " names no role that may reach it (roles: e.g. [dpo])");
            }
            for (String roleId : obligation.roles()) {
                var role = policy.role(roleId);
                if (role.isEmpty()) {
                    problem(at + "/roles", what + " names unknown role '" + roleId + "'");
                } else if (!role.get().purposes().contains(obligation.purpose())) {
                    problem(at + "/roles", what + " names role '" + roleId + "', which may not use purpose '" + obligation.purpose() + "'");
                }
            }
        }
    }

    private void roles(Policy policy, Set<String> categories, Set<String> purposes, Set<String> recipients) {
        for (Role role : policy.roles()) {
            String at = "role:" + role.id();
            String what = "role '" + role.id() + "'";
            refs(at + "/categories", what, role.categories(), categories, "data category");
            refs(at + "/purposes", what, role.purposes(), purposes, "purpose");
            if (role.recipient() != null && !recipients.contains(role.recipient())) {
                problem(at + "/recipient", what + " names unknown recipient '" + role.recipient() + "'");
            }
            boolean reachesData = !role.categories().isEmpty();
            if (reachesData && role.access() == AccessMode.NONE) {
                problem(at + "/access", what + " reaches personal data but gives no way of access (access)");
            }
            if (reachesData && role.recipient() == null) {
                problem(at, what + " reaches personal data but is not one of the policy's recipients (recipient)");
            }
            // R6.1: only after a nominal confidentiality commitment.
            if (reachesData && !role.commitmentRequired()) {
                problem(at + "/commitmentRequired", what + " reaches personal data without a confidentiality commitment (§6.1)");
            }
            if (role.kind() == RoleKind.SUBCONTRACTOR) {
                if (role.access() == AccessMode.INDIVIDUAL_GRANT) {
                    problem(at + "/access", what + " is a subcontractor: its access must be on-client-support-request or on-support-staff-request (§6.1)");
                }
                policy.recipient(role.recipient() == null ? "" : role.recipient())
                        .filter(r -> r.type() != RecipientType.PROCESSOR)
                        .ifPresent(r -> problem(at + "/recipient", what + " is a subcontractor but its recipient '" + r.id() + "' is not a processor"));
            } else if (role.access() == AccessMode.ON_CLIENT_SUPPORT_REQUEST || role.access() == AccessMode.ON_SUPPORT_STAFF_REQUEST) {
                problem(at + "/access", what + " is staff: its access is by individual grant");
            }
            for (String purposeId : role.purposes()) {
                policy.purpose(purposeId).ifPresent(purpose -> {
                    if (purpose.categories().stream().noneMatch(role.categories()::contains) && !role.categories().isEmpty()) {
                        problem(at + "/purposes", what + " is given purpose '" + purposeId + "' but none of its data categories");
                    }
                });
            }
        }
    }

    /** R7.1 and R7.2: data stays in the allowed locations; transfers out of the EEA name a safeguard. */
    private void storage(Policy policy, Set<String> categories, Set<String> recipients) {
        for (String location : policy.storage().allowedLocations()) {
            if (!EEA.contains(location)) {
                problem("storage/allowedLocations", "allowed storage location '" + location
                        + "' is outside the European Union and the EEA (§7)");
            }
        }
        for (Store store : policy.storage().stores()) {
            if (!policy.storage().allowedLocations().contains(store.location())) {
                problem("store:" + store.id() + "/location", "data store '" + store.id() + "' is in '" + store.location()
                        + "', which is not an allowed location (" + String.join(", ", policy.storage().allowedLocations()) + ")");
            }
        }
        for (Transfer transfer : policy.transfers()) {
            String at = "transfer:" + transfer.id();
            String what = "transfer '" + transfer.id() + "'";
            if (!recipients.contains(transfer.recipient())) {
                problem(at + "/recipient", what + " names unknown recipient '" + transfer.recipient() + "'");
            }
            refs(at + "/categories", what, transfer.categories(), categories, "data category");
            boolean outside = transfer.countries().stream().anyMatch(c -> !EEA.contains(c));
            if (!transfer.safeguard().isEmpty() && !SAFEGUARDS.contains(transfer.safeguard())) {
                problem(at + "/safeguard", "transfers[" + transfer.id() + "].safeguard: " + what + " names unknown safeguard '"
                        + transfer.safeguard() + "'; expected one of "
                        + String.join(", ", SAFEGUARDS.stream().sorted().toList()));
            } else if (outside && transfer.safeguard().isEmpty()) {
                problem(at + "/safeguard", "transfers[" + transfer.id() + "].safeguard: " + what + " leaves the EEA without a safeguard "
                        + "(one of " + String.join(", ", SAFEGUARDS.stream().sorted().toList()) + ")");
            }
        }
    }

    /** The bases that make sense on one channel only: Bloctel and running contracts are the phone's, analogous offers e-mail's and SMS's. */
    private static boolean fits(MarketingBasis basis, MarketingChannel channel) {
        return switch (basis) {
            case OPPOSITION_LIST, RUNNING_CONTRACT -> channel == MarketingChannel.PHONE;
            case CLIENT_ANALOGOUS -> channel == MarketingChannel.EMAIL || channel == MarketingChannel.SMS;
            case CONSENT, PROFESSIONAL, UNLESS_OBJECTED -> true;
        };
    }

    /**
     * R9.9, R9.10, L9: every channel used has its bases, each fitting the channel; bases and
     * objection instructions name only channels in use; an e-mail's instruction places the
     * unsubscribe link ({link}) and an SMS's the STOP number ({number}) in both languages; §9.2 says
     * something of every channel in use; customer service records objections through a known purpose.
     */
    private void marketing(Policy policy, Set<String> purposes) {
        var marketing = policy.marketing();
        for (MarketingChannel channel : marketing.channels()) {
            if (marketing.bases(channel).isEmpty()) {
                problem("marketing/bases", "marketing.bases gives no basis for channel '" + channel.code()
                        + "', which marketing.channels uses");
            }
            if (marketing.notices().stream().noneMatch(n -> n.channels().contains(channel))) {
                problem("marketing/notices", "marketing.notices: §9.2 says nothing of channel '" + channel.code()
                        + "', which marketing.channels uses (add it to a notice's channels)");
            }
        }
        marketing.bases().forEach((channel, bases) -> {
            String at = "marketing/bases/" + channel.code();
            if (!marketing.allows(channel)) {
                problem(at, "marketing.bases." + channel.code() + ": channel '" + channel.code()
                        + "' is not in marketing.channels");
            }
            for (MarketingBasis basis : bases) {
                if (!fits(basis, channel)) {
                    problem(at, "marketing.bases." + channel.code() + ": basis '" + basis.code()
                            + "' does not apply to channel '" + channel.code() + "'");
                }
            }
        });
        marketing.objection().forEach((channel, text) -> {
            String at = "marketing/objection/" + channel.code();
            if (!marketing.allows(channel)) {
                problem(at, "marketing.objection." + channel.code() + ": channel '" + channel.code()
                        + "' is not in marketing.channels");
            }
            String placeholder = channel == MarketingChannel.EMAIL ? "{link}" : channel == MarketingChannel.SMS ? "{number}" : null;
            String number = marketing.sms() == null ? null : marketing.sms().number();
            for (String said : List.of(text.fr(), text.en())) {
                boolean placed = placeholder == null || said.contains(placeholder)
                        || (channel == MarketingChannel.SMS && number != null && said.contains(number));
                if (!placed) {
                    problem(at, "marketing.objection." + channel.code() + ": '" + said + "' does not place "
                            + placeholder + (channel == MarketingChannel.EMAIL ? " (the unsubscribe link)" : " (the STOP number)"));
                }
            }
        });
        for (var notice : marketing.notices()) {
            for (MarketingChannel channel : notice.channels()) {
                if (!marketing.allows(channel)) {
                    problem("marketing/notices", "marketing.notices: notice '" + notice.heading().fr() + "' is about channel '"
                            + channel.code() + "', which is not in marketing.channels");
                }
            }
        }
        var sms = marketing.sms();
        if (sms != null && sms.number() != null && !sms.number().matches("\\d{4,6}|\\+?\\d{8,15}")) {
            problem("marketing/sms/stopNumber", "marketing.sms.stopNumber '" + sms.number()
                    + "' is neither a short number (4 to 6 digits) nor a phone number");
        }
        if (!purposes.contains(marketing.otherChannels())) {
            problem("marketing/otherChannels", "marketing.otherChannels names unknown purpose '" + marketing.otherChannels() + "'");
        }
        Set<String> marketingPurposes = new HashSet<>();
        policy.marketingPurposes().forEach(p -> marketingPurposes.add(p.id()));
        for (String roleId : marketing.campaignRoles()) {
            var role = policy.role(roleId);
            if (role.isEmpty()) {
                problem("marketing/campaigns/roles", "marketing.campaigns.roles names unknown role '" + roleId + "'");
            } else if (role.get().purposes().stream().noneMatch(marketingPurposes::contains)) {
                problem("marketing/campaigns/roles", "marketing.campaigns.roles: role '" + roleId
                        + "' serves none of the marketing purposes (" + String.join(", ", marketingPurposes.stream().sorted().toList()) + ")");
            }
        }
    }

    /** R4.4: functional cookies are exempt from consent; audience and sharing cookies need it. */
    private void cookies(Policy policy, Set<String> purposes) {
        for (CookiePurpose cookie : policy.cookies().purposes()) {
            String at = "cookie:" + cookie.id();
            String what = "cookie purpose '" + cookie.id() + "'";
            var purpose = policy.purpose(cookie.purpose());
            if (purpose.isEmpty()) {
                problem(at + "/purpose", what + " names unknown purpose '" + cookie.purpose() + "'");
                continue;
            }
            String path = "cookies.purposes[" + cookie.id() + "]";
            if (cookie.maxAge() == null && cookie.consentRequired()) {
                problem(at + "/maxAge", path + ".maxAge: " + what + " rests on consent but gives no lifetime (13 months at most, R5.4, L3)");
            }
            if (cookie.maxAge() != null && PolicyLint.longer(cookie.maxAge(), COOKIE_MAX_AGE)) {
                problem(at + "/maxAge", path + ".maxAge: " + what + " lives longer than 13 months (§5, CNIL)");
            }
            Set<String> names = new HashSet<>();
            for (Policy.Cookie listed : cookie.cookies()) {
                String cookieAt = at + ":" + listed.name();
                String cookiePath = path + ".cookies[" + listed.name() + "]";
                if (!listed.name().matches("[A-Za-z0-9_.-]{1,64}")) {
                    problem(cookieAt, cookiePath + ": a cookie name is 1 to 64 letters, digits, '_', '-' or '.'");
                }
                if (!names.add(listed.name())) {
                    problem(cookieAt, cookiePath + ": the cookie is listed twice");
                }
                if (listed.lifetime() == null) {
                    if (cookie.consentRequired()) {
                        problem(cookieAt, cookiePath + ".lifetime: a cookie of a consent purpose needs a lifetime (13 months at most, R5.4, L3)");
                    }
                } else if (PolicyLint.longer(listed.lifetime(), COOKIE_MAX_AGE)) {
                    problem(cookieAt + "/lifetime", cookiePath + ".lifetime: the cookie lives longer than 13 months (§5, CNIL)");
                } else if (cookie.maxAge() != null && PolicyLint.longer(listed.lifetime(), cookie.maxAge())) {
                    problem(cookieAt + "/lifetime", cookiePath + ".lifetime: the cookie lives longer than its purpose's maxAge");
                }
            }
            boolean consent = purpose.get().legalBasis() == LegalBasis.CONSENT;
            if (cookie.consentRequired() != consent) {
                problem(at + "/consentRequired", what + (cookie.consentRequired()
                        ? " requires consent but its purpose '" + cookie.purpose() + "' does not rest on consent"
                        : " is exempt from consent but its purpose '" + cookie.purpose() + "' rests on consent"));
            }
        }
        if (policy.cookies().purposes().stream().noneMatch(c -> !c.consentRequired())) {
            problem("top", "the cookies section has no functional (consent-exempt) purpose");
        }
    }
}
