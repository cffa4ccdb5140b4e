package org.charte.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reasons the decision point (and the modules that refuse on its behalf) give, as message keys
 * with their parameters: the reason stays a short English phrase in the audit log and on the API
 * (the log's entries are chained, never rewritten), and a page shows it in its own language. One
 * place lists every wording; a reason it does not know is shown as it was recorded.
 */
public final class DenialReasons {

    /** A reason in words: the key {@code access.reason.<code>} of the bundles, and its parameters (codes). */
    public record Worded(String key, List<String> arguments) {}

    private static final String CODE = "([a-z0-9][a-z0-9-]*)";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** The fields a rectification names, as {@link #WORDS} words them: {@code identity.lastName, contacts.emails}. */
    private static final String FIELD = "(?:identity\\.[a-zA-Z]+|contacts\\.[a-zA-Z]+|otherInformation)";
    private static final String FIELDS = "(" + FIELD + "(?:, " + FIELD + ")*)";
    /** Codes listed with ", " (the sensitive-data screen's categories): each worded by {@link #WORDS}. */
    private static final String CODES = "([a-z0-9][a-z0-9-]*(?:, [a-z0-9][a-z0-9-]*)*)";

    private static final Map<Pattern, String> WORDINGS = new LinkedHashMap<>();

    static {
        word("unknown or disabled account", "unknown-account");
        word("the current confidentiality commitment is not signed", "commitment-unsigned");
        word("the subcontractor has no contract with data-protection clauses in force", "no-contract");
        word("the grant for this resource has ended or is revoked", "grant-ended");
        word("no grant in force covers this resource for this purpose and these categories", "no-grant");
        word("the person is already recorded: adding to their records needs a grant in force for this purpose and these categories",
                "no-grant-to-add");
        word("unknown, revoked or expired token", "token-invalid");
        word("an integration token records new data only; reading a person's data needs a person with a grant", "token-create-only");
        word("a person reaches their own data only for purpose " + CODE, "own-data-purpose");
        word("a person's own access is to read or export their data, to rectify their identity, contact and other information, and to object",
                "own-data-actions");
        word("a person reaches their own data only", "own-data-only");
        word("'" + CODE + "' is not a purpose of the policy", "unknown-purpose");
        word("the code given is not a purpose of the policy", "unknown-purpose-unnamed");
        word("the request names no data category", "no-category");
        word("'" + CODE + "' is not a data category of the policy", "unknown-category");
        word("the code given is not a data category of the policy", "unknown-category-unnamed");
        word("purpose " + CODE + " does not use category " + CODE, "purpose-category");
        word("an aggregate is only read", "aggregate-read-only");
        word("role " + CODE + " is not in the policy in force", "unknown-role");
        word("role " + CODE + " may not process data for purpose " + CODE, "role-purpose");
        word("role " + CODE + " may not reach category " + CODE, "role-category");
        word("restricted: processing of this person's data is restricted \\(GDPR Art\\. 18\\); only storage and (.*) are allowed", "restricted");
        word("kept-for-obligation: this person's retention has ended and only a legal hold keeps their data \\(L4\\); only (.*) are allowed",
                "kept-for-obligation");
        word("objection: this person objected to purpose " + CODE + " \\(GDPR Art\\. 21\\)", "objection");
        word("unknown purpose", "unknown-purpose-unnamed");
        word("unknown data category", "unknown-category-unnamed");
        word("allowed by grant " + UUID, "allowed-by-grant");
        word("new data recorded within the role's purposes and categories", "allowed-new");
        word("the person's own data, identity verified by a rights request", "allowed-own-data");
        word("the archive is reached by named staff roles only", "archive-staff-only");
        word("the archive entry is reachable only for its obligations' purpose", "archive-purpose");
        word("role " + CODE + " is not named by the archive entry's obligations", "archive-role");
        word("a real retention run is started by the DPO in person, not by a token", "retention-run-token");
        word("role " + CODE + " is not named for campaigns by the policy \\(marketing\\.campaigns\\.roles\\)", "campaign-role");
        word("campaigns are defined and sent by staff whose role the policy names", "campaign-staff");
        word("the link was used already", "link-used");
        word("the link has expired", "link-expired");
        word("support request closed", "ticket-closed");
        // A rights matter's grants to the DPO (rights module, R6.1, R9.4): why each opened and ended.
        word("post-mortem request ([A-Za-z0-9-]+) verified", "grant-post-mortem-request");
        word("death notified: evidence to check", "grant-death-notified");
        word("rights request closed", "grant-request-closed");
        word("death confirmed: directives carried out", "grant-death-carried-out");
        word("death not confirmed: evidence wanting", "grant-death-rejected");
        // The door out (mail module, R1.4): a recipient the policy does not list for the purpose.
        word("the policy lists no recipient " + CODE, "door-unknown-recipient");
        word("the policy has no purpose " + CODE, "door-unknown-purpose");
        word("the policy does not list recipient " + CODE + " for purpose " + CODE, "door-recipient-purpose");
        word("an HTTP exit goes to an http or https address", "door-http-scheme");
        word("the host is not on charte\\.outbound\\.allowed-hosts", "door-host");
        // Four eyes on a disclosure to an authority (registers module, R6.6).
        word("the disclosure is already approved", "disclosure-approved");
        word("only the DPO approves a disclosure", "disclosure-dpo-only");
        word("the person who recorded a disclosure does not approve it: another DPO must", "disclosure-four-eyes");
        // What a campaign sends (marketing module, L2): the channel and the basis that allowed it.
        word("campaign message by " + CODE + ", basis " + CODE, "campaign-message");
        word("campaign letter by post \\(letter shop list\\), basis " + CODE, "campaign-letter");
        // What staff and Charte record as done, in the same log (access, rights, subjects modules).
        word("enrolment link issued, valid ([0-9]+) hours", "enrolment-link");
        word("new enrolment link issued, valid ([0-9]+) hours; earlier ones ended", "enrolment-link-again");
        word("password set through the one-time link", "enrolment-password");
        word("evidence wanting: notification withdrawn, nothing carried out", "death-evidence-wanting");
        word("objection to " + CODE + ": pending, with a motive", "objection-pending");
        word("objection to " + CODE + ": direct marketing, upheld without motive \\(GDPR Art\\. 21\\(3\\)\\)", "objection-marketing");
        word("objection to " + CODE + ": upheld", "objection-upheld");
        word("objection to " + CODE + ": rejected", "objection-rejected");
        word("sensitive data redacted from free text", "screen-redacted");
        word("sensitive data refused in a structured field", "screen-refused");
        word("accepted phrase removed", "screen-phrase-removed");
        // A retention run (retention module, R5.6): as of which day, started how, how it ended, its counts.
        word("as-of ([0-9]{4}-[0-9]{2}-[0-9]{2}); " + CODE + "; " + CODE
                + "; erased ([0-9]+) \\(([0-9]+) rows\\); archived ([0-9]+); held ([0-9]+); skipped ([0-9]+)", "retention-run");
        // A search for people (subjects module): by which criteria, how many found.
        word("by " + CODE + ": ([0-9]+) match\\(es\\)", "search-1");
        word("by " + CODE + " and " + CODE + ": ([0-9]+) match\\(es\\)", "search-2");
        word("by " + CODE + " and " + CODE + " and " + CODE + ": ([0-9]+) match\\(es\\)", "search-3");
        word("unknown purpose; by " + CODE + ": ([0-9]+) match\\(es\\)", "search-1-unknown-purpose");
        word("unknown purpose; by " + CODE + " and " + CODE + ": ([0-9]+) match\\(es\\)", "search-2-unknown-purpose");
        word("unknown purpose; by " + CODE + " and " + CODE + " and " + CODE + ": ([0-9]+) match\\(es\\)", "search-3-unknown-purpose");
        word("letter shop list of ([0-9]+) people", "letter-shop-list");
        word("letter shop list of ([0-9]+) people, given again", "letter-shop-list-again");
        word("letter shop list of ([0-9]+) people, ([0-9]+) withheld by the decision point", "letter-shop-list-withheld");
        word("letter shop list of ([0-9]+) people, ([0-9]+) withheld by the decision point, given again", "letter-shop-list-withheld-again");
        // A death confirmed (rights module, R9.4): which evidence was checked.
        word("evidence checked: " + CODE + "; post-mortem directives to carry out", "death-evidence");
        // A rectification (subjects module, R9.2): which fields changed, how many recipients were told; on a request, which.
        word("nothing changed; ([0-9]+) recipient\\(s\\) told", "rectify-nothing");
        word("changed " + FIELDS + "; ([0-9]+) recipient\\(s\\) told", "rectify-changed");
        word("applied on the verified request ([A-Za-z0-9-]+) of subject:" + UUID + "; nothing changed; ([0-9]+) recipient\\(s\\) told",
                "rectify-request-nothing");
        word("applied on the verified request ([A-Za-z0-9-]+) of subject:" + UUID + "; changed " + FIELDS
                + "; ([0-9]+) recipient\\(s\\) told", "rectify-request-changed");
        // A hosted database destroyed (hosting module, R5.5): when it was due, the run and the certificate.
        word("retention rule " + CODE + " due ([0-9]{4}-[0-9]{2}-[0-9]{2}), run (" + UUID + "), certificate (" + UUID + ")", "hosted-destroyed");
        // An erasure on a person's request or after their death (retention module, R9.2, R9.4): its one-person run's counts.
        word("erasure-request; " + CODE + "; " + CODE + "; erased ([0-9]+) \\(([0-9]+) rows\\); archived ([0-9]+); kept ([0-9]+)", "erasure-run");
        // The same erasure as the rights module records it (R6.5): which request, the run and the proof of erasure.
        word("erasure-request; " + CODE + "; ([A-Za-z0-9-]+); run (" + UUID + "); proof ([0-9a-f]+); " + CODE, "erasure-decided");
        word("erasure-request; " + CODE + "; ([A-Za-z0-9-]+); run (" + UUID + "); proof none; " + CODE, "erasure-decided-no-proof");
        word("erasure-request; " + CODE + "; ([A-Za-z0-9-]+); run none; proof none; " + CODE, "erasure-decided-no-run");
        // A rights request's history notes that Charte records in codes (rights module, R9.x): how an identity was verified,
        // an erasure's run, proof and outcome.
        word("email-code", "note-email-code");
        word("post-mortem-directives", "note-post-mortem-directives");
        word("(erased|partial|nothing-erased)", "note-erasure-outcome");
        word("run (" + UUID + "); proof ([0-9a-f]+); " + CODE, "note-erasure");
        word("run (" + UUID + "); proof none; " + CODE, "note-erasure-no-proof");
        word("run none; proof none; " + CODE, "note-erasure-no-run");
        // A false positive of the sensitive-data screen accepted by the DPO (subjects module, R3.6): the categories it was taken for.
        word("false positive accepted \\(" + CODES + "\\)", "screen-phrase-accepted");
    }

    private DenialReasons() {
    }

    private static void word(String regex, String code) {
        WORDINGS.put(Pattern.compile(regex), "access.reason." + code);
    }

    /** The reason's key and parameters, or empty when no wording is known for it. */
    public static Optional<Worded> of(String reason) {
        for (Map.Entry<Pattern, String> wording : WORDINGS.entrySet()) {
            Matcher matcher = wording.getKey().matcher(reason);
            if (matcher.matches()) {
                List<String> arguments = new ArrayList<>();
                for (int group = 1; group <= matcher.groupCount(); group++) {
                    arguments.add(matcher.group(group));
                }
                return Optional.of(new Worded(wording.getValue(), List.copyOf(arguments)));
            }
        }
        return Optional.empty();
    }

    /**
     * The codes a reason may quote that are no policy id (channels, the bases of a solicitation):
     * each worded by {@code access.reason.word.<code>}.
     */
    public static final List<String> WORDS = List.of("email", "sms", "phone", "post", "consent", "analogous-offers", "job-related",
            "running-contract", "not-objected", "name",
            "scheduled", "command", "api", "backoffice", "request", "running", "completed", "interrupted", "failed",
            "certificate-reference", "certificate-checked-and-deleted",
            "identity.civility", "identity.lastName", "identity.firstNames", "identity.birthDate", "contacts.addresses", "contacts.emails",
            "contacts.phones", "otherInformation",
            "person-asked", "post-mortem-directives", "erased", "partial", "nothing-erased", "death-notification",
            "health", "religious-beliefs", "political-opinions", "trade-union-membership", "racial-ethnic-origin", "sexual-orientation");

    /** Every key a reason may be worded by: for the bundles' test. */
    public static List<String> keys() {
        return WORDINGS.values().stream().distinct().toList();
    }
}
