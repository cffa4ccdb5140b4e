package org.charte.policy;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.charte.policy.Policy.ConsentCollection;
import org.charte.policy.Policy.Outcome;
import org.charte.policy.Policy.Right;
import org.jspecify.annotations.Nullable;

/**
 * Compares a policy with the law in force on a given day. The policy text may lag the law; each
 * finding says where, what the law asks, its source, how to fix the file, and the stricter rule
 * Charte follows instead.
 */
public final class PolicyLint {

    /** Loi n° 2025-594: consent for phone prospecting of consumers from this day. */
    public static final LocalDate PHONE_CONSENT_LAW = LocalDate.of(2026, 8, 11);

    private PolicyLint() {}

    /** What a finding lists: in English for the command line, as message keys for pages. */
    private static final class Gaps {
        final List<String> english = new ArrayList<>();
        final List<LintFinding.Gap> keyed = new ArrayList<>();

        void add(String text, String key, Object... arguments) {
            english.add(text);
            keyed.add(new LintFinding.Gap(key, List.of(arguments)));
        }

        boolean isEmpty() {
            return english.isEmpty();
        }
    }

    public static List<LintFinding> lint(Policy policy, LocalDate today) {
        List<LintFinding> findings = new ArrayList<>();
        rightsRequests(policy, findings);
        phoneProspecting(policy, today, findings);
        cookies(policy, findings);
        intermediateArchive(policy, findings);
        objectionAndRestriction(policy, findings);
        breaches(policy, findings);
        paymentCards(policy, findings);
        navigationData(policy, findings);
        electronicMarketing(policy, findings);
        changeNotice(policy, today, findings);
        return findings;
    }

    private static void rightsRequests(Policy policy, List<LintFinding> findings) {
        var rights = policy.rights();
        Gaps gaps = new Gaps();
        if (rights.answerDeadline() == null || longer(rights.answerDeadline(), Period.ofMonths(1))) {
            gaps.add("answers within one month of receipt (rights.answerDeadline: P1M)", "lint.gap.answer-deadline");
        }
        if (rights.extension() != null && longer(rights.extension(), Period.ofMonths(2))) {
            gaps.add("an extension of two months at most (rights.extension: P2M)", "lint.gap.extension");
        }
        if (!rights.identityDocumentDeleted()) {
            gaps.add("an identity document asked for verification is deleted once checked (rights.identityDocumentDeleted: true)",
                    "lint.gap.identity-document");
        }
        if (!gaps.isEmpty()) {
            findings.add(new LintFinding("L1", "§9.1 Vos droits (rights)",
                    "GDPR Art. 12 requires: " + String.join("; ", gaps.english)
                            + ".",
                    "GDPR Art. 12(3), 12(5), 12(6); CNIL, guidance on identity checks for rights requests",
                    "Set rights.answerDeadline: P1M, rights.extension: P2M and rights.identityDocumentDeleted: true, and say so in §9.1.",
                    "Requests are due one month after receipt, extendable once by two months only with a reasoned notice sent within the first month; the clock stops while identity evidence is awaited; answers are free; ID documents are deleted once checked.",
                    "lint.l1", gaps.keyed, List.of()));
        }
    }

    private static void phoneProspecting(Policy policy, LocalDate today, List<LintFinding> findings) {
        List<MarketingBasis> phone = policy.marketing().bases(MarketingChannel.PHONE);
        boolean withoutConsent = phone.contains(MarketingBasis.OPPOSITION_LIST) || phone.contains(MarketingBasis.UNLESS_OBJECTED);
        if (withoutConsent && !today.isBefore(PHONE_CONSENT_LAW)) {
            findings.add(new LintFinding("L2", "§9.2 Sollicitations commerciales par téléphone (marketing.bases.phone)",
                    "Since 11 August 2026, phone prospecting of consumers needs their prior, provable consent (except calls within an ongoing contract about related products); the Bloctel opposition list's concession ended on 10 August 2026, and the policy still lets consumers be called unless they registered on it or objected.",
                    "Code de la consommation art. L223-1 as amended by loi n° 2025-594 du 30 juin 2025; art. D223-9 (décret n° 2022-1313: days, hours and frequency)",
                    "Set marketing.bases.phone: [consent, running-contract, professional] and rewrite the §9.2 notice 'par téléphone' accordingly.",
                    "Consumers are called only with recorded consent, or as clients with a running contract about related products; professionals unless they object; calls to consumers only Monday to Friday except public holidays, 10:00-13:00 and 14:00-20:00 in their time zone unless they consented to other times, at most 4 attempts per 30 days, none for 60 days after a refusal.",
                    "lint.l2", List.of(), List.of()));
        }
    }

    /** L9: objections to e-mail and SMS marketing are kept this long from the objection. */
    public static final Period SUPPRESSION_RETENTION = Period.ofYears(3);

    private static void electronicMarketing(Policy policy, List<LintFinding> findings) {
        var marketing = policy.marketing();
        Gaps gaps = new Gaps();
        for (MarketingChannel channel : List.of(MarketingChannel.EMAIL, MarketingChannel.SMS)) {
            if (!marketing.allows(channel)) {
                continue;
            }
            List<MarketingBasis> bases = marketing.bases(channel);
            if (bases.contains(MarketingBasis.UNLESS_OBJECTED)) {
                gaps.add(channel.code() + " to consumers needs their prior consent, except clients about analogous products and professionals about their job (marketing.bases." + channel.code() + " says unless-objected)",
                        "lint.gap.consent-" + channel.code());
            }
            if (marketing.objection(channel).isEmpty()) {
                gaps.add("every " + channel.code() + " names the sender and offers a free objection (marketing.objection." + channel.code() + " is missing)",
                        "lint.gap.objection-" + channel.code());
            }
        }
        if (marketing.allows(MarketingChannel.SMS) && marketing.objection(MarketingChannel.SMS)
                .filter(t -> t.fr().toUpperCase(Locale.ROOT).contains("STOP") && t.en().toUpperCase(Locale.ROOT).contains("STOP")).isEmpty()) {
            gaps.add("every SMS ends with the free STOP instruction (marketing.objection.sms)", "lint.gap.stop");
        }
        if (marketing.allows(MarketingChannel.EMAIL) && marketing.unsubscribe() != Policy.Unsubscribe.ONE_CLICK) {
            gaps.add("every e-mail carries a one-click unsubscribe (RFC 8058 List-Unsubscribe-Post), honoured at once (marketing.unsubscribe is " + YamlReader.kebab(marketing.unsubscribe()) + ")",
                    "lint.gap.one-click", YamlReader.kebab(marketing.unsubscribe()));
        }
        Period kept = marketing.suppressionRetention();
        if (kept == null || !kept.equals(SUPPRESSION_RETENTION)) {
            gaps.add("objections are kept 3 years from the objection so they keep being honoured (marketing.suppressionRetention is "
                    + (kept == null ? "missing" : kept.toString()) + ")", kept == null ? "lint.gap.suppression-missing" : "lint.gap.suppression", kept == null ? "" : kept);
        }
        if (!gaps.isEmpty()) {
            findings.add(new LintFinding("L9", "§9.2 Sollicitations commerciales par voie électronique (marketing)",
                    "E-mail and SMS marketing requires: " + String.join("; ", gaps.english) + ".",
                    "Code des postes et des communications électroniques art. L34-5; CNIL, 'La prospection commerciale par courrier électronique' and référentiel 'gestion des activités commerciales' (2021); RFC 8058",
                    "Set marketing.unsubscribe: one-click, marketing.suppressionRetention: P3Y, an objection instruction for each of e-mail and SMS (the SMS one with STOP), and no unless-objected basis on e-mail or SMS.",
                    "E-mail and SMS go only to people who consented, to clients about analogous products and to professionals about their job; every message names the sender and offers a free objection: a one-click unsubscribe (RFC 8058) in e-mails, STOP in SMS, honoured at once; objections are kept 3 years from the objection (keyed hashes once the person is erased).",
                    "lint.l9", gaps.keyed, List.of()));
        }
    }

    private static void cookies(Policy policy, List<LintFinding> findings) {
        var cookies = policy.cookies();
        Gaps gaps = new Gaps();
        if (cookies.collection() == ConsentCollection.BROWSER_SETTINGS) {
            gaps.add("consent is collected per purpose by the site itself, with a banner that offers 'Refuse all' as prominently as 'Accept all', silence meaning refusal (browser settings are not valid consent; cookies.collection is browser-settings)",
                    "lint.gap.banner");
        }
        if (cookies.reaskAfter() == null || longer(cookies.reaskAfter(), Period.ofMonths(13))) {
            gaps.add("a stored choice, refusals included, is asked again after 13 months at most (6 recommended)", "lint.gap.reask");
        }
        if (!cookies.proofKept()) {
            gaps.add("a proof of each consent (banner version, choices, time) is kept (cookies.proofKept: true)", "lint.gap.proof");
        }
        if (!gaps.isEmpty()) {
            findings.add(new LintFinding("L3", "§9.3 Cookies (cookies)",
                    "The CNIL requires: " + String.join("; ", gaps.english) + ".",
                    "Loi Informatique et Libertés art. 82; CNIL délibérations n° 2020-091 and 2020-092 du 17 septembre 2020",
                    "Set cookies.collection: banner, cookies.reaskAfter: P6M, cookies.proofKept: true, and describe the banner in §9.3.",
                    "A banner asks per purpose with 'Accept all' and 'Refuse all' side by side; no non-essential cookie before consent; Do Not Track and Global Privacy Control count as refusal; choices are asked again after 6 months; each consent is proved.",
                    "lint.l3", gaps.keyed, List.of()));
        }
    }

    /** L4: the longest a former client's data may serve the relationship and marketing before only the archive keeps what it must. */
    static final Period FORMER_CLIENT_MARKETING = Period.ofYears(3);

    private static void intermediateArchive(Policy policy, List<LintFinding> findings) {
        boolean archives = !policy.archive().isEmpty() && policy.retentionRules().stream().anyMatch(r -> r.then() == Outcome.ARCHIVE);
        var inactive = policy.retentionRules().stream()
                .filter(r -> "client-inactive".equals(r.subjectCategory()) && r.then() == Outcome.ERASE && r.bounded())
                .findFirst();
        if (inactive.isPresent() && !archives) {
            findings.add(new LintFinding("L4", "§5 Pour les clients inactifs (retention: " + inactive.get().id() + ")",
                    "A former client's data may serve marketing for at most 3 years after the end of the contract or the last contact, whichever is later; then only the data a legal obligation requires may be kept, in a separate intermediate archive reachable only for that obligation, and the rest is deleted. The policy keeps all customer account data for "
                            + describe(inactive.get().duration()) + " and names no intermediate archive.",
                    "CNIL référentiel 'gestion des activités commerciales' (2021); GDPR Art. 5(1)(e); C. com. L123-22 (accounting, 10 years); LPF L102 B (tax, 6 years); C. civ. 2224 (limitation, 5 years)",
                    "Set retention " + inactive.get().id() + " to duration: P3Y with then: archive, and add the archive's obligations (accounting P10Y, tax P6Y, limitation P5Y) for billing and contract records.",
                    "At the end of the active period, invoices and contract records move to an intermediate archive reachable only by named roles for those obligations; the rest of the account is erased.",
                    "lint.l4-no-archive", List.of(), List.of(inactive.get().id(), duration(inactive.get().duration()))));
            return;
        }
        var tooLong = policy.retentionRules().stream()
                .filter(r -> "client-inactive".equals(r.subjectCategory()) && r.duration() != null
                        && (r.then() == Outcome.ERASE || r.then() == Outcome.ARCHIVE) && longer(r.duration(), FORMER_CLIENT_MARKETING))
                .findFirst();
        if (tooLong.isPresent()) {
            findings.add(new LintFinding("L4", "§5 Pour les clients inactifs (retention: " + tooLong.get().id() + ")",
                    "A former client's data may serve marketing for at most 3 years after the end of the contract or the last contact, whichever is later; then only what a legal obligation needs moves to the intermediate archive and the rest is deleted. The policy keeps all customer account data for " + describe(tooLong.get().duration()) + " before anything reaches the archive; the 10 years belong to the archive's accounting obligation alone.",
                    "CNIL référentiel 'gestion des activités commerciales' (2021); GDPR Art. 5(1)(e); C. com. L123-22 (accounting, 10 years from the document); LPF L102 B (tax, 6 years); C. civ. 2224 (limitation, 5 years)",
                    "Set retention " + tooLong.get().id() + " to duration: P3Y with then: archive, and say in §5 that invoices and contract records are then kept in an intermediate archive for the obligations' durations.",
                    "Former clients are archived or erased 3 years and a day after the later of contract end and last contact: invoices, payments, subscriptions and orders an obligation still covers go to the intermediate archive, reachable only for legal-obligations by the roles it names until the obligation ends; the rest is erased.",
                    "lint.l4-too-long", List.of(), List.of(tooLong.get().id(), duration(tooLong.get().duration()))));
        }
    }

    private static void objectionAndRestriction(Policy policy, List<LintFinding> findings) {
        var rights = policy.rights();
        Gaps gaps = new Gaps();
        if (rights.objectionRequiresMotive() && !rights.marketingObjectionWithoutMotive()) {
            gaps.add("objection to direct marketing needs no motive", "lint.gap.no-motive");
        }
        if (!rights.rights().contains(Right.RESTRICTION)) {
            gaps.add("the right to restriction of processing is offered", "lint.gap.restriction");
        }
        if (!rights.recipientsNotified()) {
            gaps.add("recipients are told of every rectification, erasure or restriction", "lint.gap.recipients");
        }
        if (rights.objectionRequiresMotive()) {
            gaps.add("the text must say plainly that the motive is only asked for objections to processing based on legitimate interest, and never for erasure of unlawfully processed data",
                    "lint.gap.motive-text");
        }
        if (!gaps.isEmpty()) {
            findings.add(new LintFinding("L5", "§9.1 Vos droits (rights.rights, rights.objectionRequiresMotive)",
                    "The GDPR requires: " + String.join("; ", gaps.english) + ".",
                    "GDPR Art. 17, 18, 19 and 21(2)-(3)",
                    "Add restriction to rights.rights, set rights.recipientsNotified: true and reword §9.1 so that objection to marketing is unconditional.",
                    "Objection to marketing is applied at once without motive; restriction is available and stops every processing but storage; recipients are told of rectification, erasure and restriction.",
                    "lint.l5", gaps.keyed, List.of()));
        }
    }

    private static void breaches(Policy policy, List<LintFinding> findings) {
        var breaches = policy.breaches();
        if (breaches == null || !breaches.registerKept() || breaches.notifyAuthorityWithin() == null
                || longer(breaches.notifyAuthorityWithin(), Period.ofDays(3))) {
            findings.add(new LintFinding("L6", "§8 Sécurité (breaches)",
                    "Every personal-data breach is recorded in a register, and one likely to harm people is notified to the CNIL within 72 hours; "
                            + (breaches == null ? "the policy says nothing of breaches." : "the policy's breaches section does not promise both."),
                    "GDPR Art. 33 and 34",
                    "Add breaches: {registerKept: true, notifyAuthorityWithin: P3D} and a sentence in §8.",
                    "Breaches are recorded in a register; those likely to harm people are flagged for notification to the CNIL within 72 hours of discovery.",
                    breaches == null ? "lint.l6-missing" : "lint.l6-weak", List.of(), List.of()));
        }
    }

    private static void paymentCards(Policy policy, List<LintFinding> findings) {
        boolean cardRule = policy.dataCategories().stream().filter(Policy.DataCategory::paymentCard)
                .anyMatch(card -> policy.retentionRules().stream().anyMatch(rule -> rule.categories().contains(card.id())
                        && rule.startEvents().contains("debit") && rule.duration() != null
                        && !longer(rule.duration(), Period.ofMonths(13))));
        if (!cardRule) {
            findings.add(new LintFinding("L7", "§3.2 and §5 Facturation et paiement (dataCategories, retention)",
                    "Bank card data may not be kept beyond the payment, and never the CVV; a reference kept for disputes expires 13 months after the debit. The policy has no payment-card category with such a rule, so card data would follow the account's retention.",
                    "CNIL délibération n° 2018-303 du 6 septembre 2018 (cartes de paiement); C. monétaire et financier L133-24",
                    "Add a payment-card category (paymentCard: true) with a retention rule start: [debit], duration: P13M.",
                    "Only a payment provider's token and the last four digits are stored; a CVV is refused; card references are erased 13 months after the debit.",
                    "lint.l7", List.of(), List.of()));
        }
    }

    /** L8: navigation data, whether from exempt audience measurement or collected with consent, is kept this long at most. */
    public static final Period NAVIGATION_DATA_RETENTION = Period.ofMonths(25);

    private static void navigationData(Policy policy, List<LintFinding> findings) {
        List<String> automatic = policy.dataCategories().stream().filter(c -> c.source() == Policy.Source.AUTOMATIC)
                .map(Policy.DataCategory::id).toList();
        var tooLong = policy.retentionRules().stream()
                .filter(r -> r.categories().stream().anyMatch(automatic::contains))
                .filter(r -> r.duration() == null || longer(r.duration(), NAVIGATION_DATA_RETENTION))
                .findFirst();
        if (tooLong.isPresent()) {
            var rule = tooLong.get();
            findings.add(new LintFinding("L8", "§5 Données issues des cookies (retention: " + rule.id() + ")",
                    "Navigation data may be kept 25 months at most, whether from audience measurement exempt from consent or collected with consent; the policy keeps it "
                            + (rule.keep() == Policy.Keep.SITE_LIFETIME ? "for the whole life of the site" : "for " + describe(rule.duration())) + ".",
                    "CNIL délibérations n° 2020-091 and 2020-092 du 17 septembre 2020; CNIL, audience measurement exempt from consent (guidance updated 2025)",
                    "Set retention " + rule.id() + " to start: [collection], duration: P25M, then: erase, and say 25 months in §5.",
                    "Navigation data is erased 25 months after it was collected; exempt audience measurement keeps no IP address, only aggregates, never cross-site, with a cookie of 13 months at most never extended.",
                    rule.keep() == Policy.Keep.SITE_LIFETIME ? "lint.l8-lifetime" : "lint.l8", List.of(), List.of(rule.id(), duration(rule.duration()))));
        }
    }

    /**
     * L10: a version with material changes must reach people before it applies. Linted on the day it is
     * loaded, its effective date must leave at least {@link PolicyChangeNotice#DEFAULT_PERIOD} for the notice.
     */
    private static void changeNotice(Policy policy, LocalDate today, List<LintFinding> findings) {
        PolicyChangeNotice notice = PolicyChangeNotice.of(policy, PolicyChangeNotice.DEFAULT_PERIOD);
        if (notice.dueOn(today) && notice.tooLate(today)) {
            findings.add(new LintFinding("L10", "changes (effective: " + policy.effectiveDate() + ")",
                    "People are told of a material change of the policy before it applies; version " + policy.version()
                            + " changes clauses materially (" + String.join(", ", notice.materialClauses()) + ") and takes effect on "
                            + policy.effectiveDate() + ", less than " + Durations.describe(notice.period(), Locale.ENGLISH) + " after " + today + ".",
                    "GDPR Art. 12-14; EDPB Guidelines on transparency (WP260 rev.01, §29-33)",
                    "Set effective to " + notice.earliestEffective(today) + " or later, or mark the change material: false if it is not.",
                    "Active clients are mailed the changes and their date as soon as the version is loaded; the version's own text applies from its effective date.",
                    "lint.l10-notice", List.of(), List.of(policy.version(), String.join(", ", notice.materialClauses()),
                            policy.effectiveDate().toString(), notice.period(), today.toString(), notice.earliestEffective(today).toString())));
        }
    }

    static boolean longer(Period period, Period limit) {
        return period.toTotalMonths() * 31 + period.getDays() > limit.toTotalMonths() * 31 + limit.getDays();
    }

    /** A duration as a page words it in its language; none (kept for ever) as the empty string. */
    private static Object duration(@Nullable Period period) {
        return period == null ? "" : period;
    }

    private static String describe(@Nullable Period period) {
        return period == null ? "ever" : Durations.describe(period, Locale.ENGLISH);
    }
}
