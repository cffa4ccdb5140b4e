package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.charte.access.AccessRequest;
import org.charte.access.DenialReasons;
import org.charte.access.ResourceRef;
import org.charte.access.internal.ApiTokens;
import org.charte.commerce.Invoice;
import org.charte.commerce.Payment;
import org.charte.mail.Destination;
import org.charte.mail.RecipientRule;
import org.charte.policy.LegalBasis;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.charte.registers.DisclosureFourEyes;
import org.charte.subjects.SensitiveCategory;
import org.charte.subjects.SubjectStatus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every word a page shows comes from the FR and EN bundles or from the policy file. */
class I18nTests {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Set<String> TEXT_ATTRIBUTES = Set.of("title", "alt", "placeholder", "aria-label");

    static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = I18nTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** The bundles the application reads (spring.messages.basename), as base names. */
    static List<String> baseNames() throws IOException {
        return List.of(bundle("application.properties").getProperty("spring.messages.basename").split(","));
    }

    /** All bundles of one language merged: "" for French (the default files), "_en" for English. */
    static Properties merged(String suffix) throws IOException {
        Properties all = new Properties();
        for (String base : baseNames()) {
            Properties one = bundle(base.strip() + suffix + ".properties");
            for (String key : one.stringPropertyNames()) {
                assertThat(all).as("key " + key + " is defined in two bundles").doesNotContainKey(key);
                all.setProperty(key, one.getProperty(key));
            }
        }
        return all;
    }

    static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
    }

    @Test
    @DisplayName("R1.1 the French and English bundles have the same keys, none empty")
    void sameKeys() throws IOException {
        for (String base : baseNames()) {
            assertThat(bundle(base.strip() + "_en.properties").stringPropertyNames()).as(base)
                    .containsExactlyInAnyOrderElementsOf(bundle(base.strip() + ".properties").stringPropertyNames());
        }
        Properties fr = merged("");
        Properties en = merged("_en");
        assertThat(new TreeSet<>(en.stringPropertyNames())).isEqualTo(new TreeSet<>(fr.stringPropertyNames()));
        assertThat(fr.values()).allSatisfy(v -> assertThat(v.toString()).isNotBlank());
        assertThat(en.values()).allSatisfy(v -> assertThat(v.toString()).isNotBlank());
    }

    @Test
    @DisplayName("R1.1 no template holds literal text: every word is a message key or comes from the policy")
    void noLiteralText() throws IOException {
        List<String> literals = new ArrayList<>();
        for (Path template : templates()) {
            var document = Jsoup.parse(Files.readString(template), "", Parser.xmlParser());
            for (Element element : document.getAllElements()) {
                boolean replaced = element.hasAttr("th:text") || element.hasAttr("th:utext")
                        || element.hasAttr("th:replace") || element.normalName().equals("style");
                if (!replaced) {
                    for (TextNode text : element.textNodes()) {
                        if (text.text().codePoints().anyMatch(Character::isLetter)) {
                            literals.add(template + ": <" + element.normalName() + "> \"" + text.text().strip() + "\"");
                        }
                    }
                }
                boolean button = element.normalName().equals("input") && Set.of("submit", "button", "reset").contains(element.attr("type"));
                if (button && element.attr("value").codePoints().anyMatch(Character::isLetter)) {
                    literals.add(template + ": value=\"" + element.attr("value") + "\" on a button");
                }
                for (String attribute : TEXT_ATTRIBUTES) {
                    if (element.hasAttr(attribute) && element.attr(attribute).codePoints().anyMatch(Character::isLetter)) {
                        literals.add(template + ": " + attribute + "=\"" + element.attr(attribute) + "\"");
                    }
                }
            }
        }
        assertThat(literals).isEmpty();
    }

    @Test
    @DisplayName("R1.1 every message key a template names exists in both bundles")
    void keysExist() throws IOException {
        Properties fr = merged("");
        Properties en = merged("_en");
        Pattern key = Pattern.compile("#\\{([a-z0-9.\\-]+)[}(]");
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            Matcher m = key.matcher(Files.readString(template));
            while (m.find()) {
                if (!fr.containsKey(m.group(1)) || !en.containsKey(m.group(1))) {
                    missing.add(template + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    @DisplayName("R1.1 L10 the keys built from policy values exist for every value the policy format allows, and for the codes an archive entry shows")
    void dynamicKeys() throws IOException {
        Properties fr = merged("");
        List<String> keys = new ArrayList<>();
        for (LegalBasis basis : LegalBasis.values()) {
            keys.add("basis." + basis.code());
        }
        for (Policy.Source source : Policy.Source.values()) {
            keys.add("source." + code(source));
        }
        for (Policy.Right right : Policy.Right.values()) {
            keys.add("right." + code(right));
        }
        for (Policy.Keep keep : Policy.Keep.values()) {
            keys.add("retention.keep." + code(keep));
        }
        for (Policy.Outcome outcome : Policy.Outcome.values()) {
            keys.add("retention.then." + code(outcome));
        }
        for (Policy.ConsentCollection collection : Policy.ConsentCollection.values()) {
            keys.add("cookies.collection." + code(collection));
        }
        for (String event : Policy.ARCHIVE_START_EVENTS) {
            keys.add("archive.start." + event);
        }
        for (String event : Policy.START_EVENTS) {
            keys.add("retention.start." + event);
            keys.add("retention.event." + event);
        }
        for (SubjectStatus status : SubjectStatus.values()) {
            keys.add("dashboard.count." + status.code());
        }
        PolicyLoader.loadDefault().transfers().forEach(t -> keys.add("safeguard." + t.safeguard()));
        // the codes an archive entry shows (L4, L10): a payment's method, an invoice's status, the currency
        for (Payment.Method method : Payment.Method.values()) {
            keys.add("code.payment-method." + code(method));
        }
        for (Invoice.Status status : Invoice.Status.values()) {
            keys.add("code.invoice-status." + code(status));
        }
        keys.add("code.currency.eur");
        assertThat(keys).allSatisfy(k -> assertThat(fr).containsKey(k));
    }

    @Test
    @DisplayName("L10 R1.4 R6.6 R6.5 R3.6 every refusal reason a page words has its wording in both languages, the door out's, the four eyes', an erasure's and a false positive's included")
    void reasonsWorded() throws IOException {
        Properties fr = merged("");
        Properties en = merged("_en");
        List<String> keys = new ArrayList<>(DenialReasons.keys());
        DenialReasons.WORDS.forEach(w -> keys.add("access.reason.word." + w));
        assertThat(keys).allSatisfy(k -> assertThat(fr).containsKey(k)).allSatisfy(k -> assertThat(en).containsKey(k));
        Policy policy = PolicyLoader.loadDefault();
        RecipientRule rule = new RecipientRule(policy);
        Policy.Recipient listed = policy.recipients().stream().filter(r -> r.type() != Policy.RecipientType.AUTHORITY).findFirst().orElseThrow();
        List<Optional<String>> reasons = new ArrayList<>(List.of(rule.refusal(Destination.recipient("nobody-listed"), "customer-service"),
                rule.refusal(Destination.recipient(listed.id()), "no-such-purpose")));
        policy.purposes().stream().filter(p -> !p.recipients().contains(listed.id())).findFirst()
                .ifPresent(p -> reasons.add(rule.refusal(Destination.recipient(listed.id()), p.id())));
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        reasons.addAll(List.of(DisclosureFourEyes.refusal(one, null, one, "dpo"), DisclosureFourEyes.refusal(one, null, two, "adv"),
                DisclosureFourEyes.refusal(one, two, two, "dpo")));
        // As a search for people and a campaign record theirs (subjects, marketing).
        for (String recorded : List.of("by email and name: 3 match(es)", "unknown purpose; by phone: 0 match(es)",
                "campaign message by sms, basis job-related", "letter shop list of 4 people, given again",
                "enrolment link issued, valid 72 hours", "objection to loyalty-prospecting: direct marketing, upheld without motive (GDPR Art. 21(3))",
                "objection to customer-service: rejected", "sensitive data redacted from free text",
                "as-of 2026-12-03; api; completed; erased 3 (10 rows); archived 0; held 1; skipped 0",
                "evidence checked: certificate-checked-and-deleted; post-mortem directives to carry out",
                "changed identity.lastName, contacts.emails; 2 recipient(s) told", "nothing changed; 0 recipient(s) told",
                "applied on the verified request R-2026-000012 of subject:" + one + "; changed otherInformation; 1 recipient(s) told",
                "applied on the verified request " + two + " of subject:" + one + "; nothing changed; 0 recipient(s) told",
                "retention rule hosted-production-data due 2027-01-04, run " + one + ", certificate " + two,
                // An erasure on request (retention's run line, rights' decision line), a false positive of the screen accepted.
                "erasure-request; person-asked; erased; erased 1 (7 rows); archived 2; kept 0",
                "erasure-request; post-mortem-directives; nothing-erased; erased 0 (0 rows); archived 0; kept 1",
                "erasure-request; person-asked; R-2026-000012; run " + one + "; proof 0a1b2c3d4e5f; partial",
                "erasure-request; post-mortem-directives; death-notification; run " + one + "; proof none; nothing-erased",
                "erasure-request; person-asked; R-2026-000013; run none; proof none; nothing-erased",
                "false positive accepted (health, sexual-orientation)")) {
            reasons.add(Optional.of(recorded));
        }
        // the screen's categories, quoted by a false positive accepted and by the audit log's categories, each have their words
        assertThat(DenialReasons.WORDS).containsAll(Arrays.stream(SensitiveCategory.values()).map(SensitiveCategory::code).toList());
        assertThat(reasons).hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(r -> assertThat(r).isPresent().get().satisfies(t -> assertThat(DenialReasons.of(t)).as(t).isPresent()));
    }

    @Test
    @DisplayName("R8.3 L10 every scope an integration token may carry has its words in both languages, never shown as its code alone")
    void tokenScopesWorded() throws IOException {
        Properties fr = merged("");
        Properties en = merged("_en");
        assertThat(ApiTokens.SCOPES).isNotEmpty().allSatisfy(scope -> {
            assertThat(fr).as(scope).containsKey(ApiTokens.wordsKey(scope));
            assertThat(en).as(scope).containsKey(ApiTokens.wordsKey(scope));
            assertThat(fr.getProperty(ApiTokens.wordsKey(scope))).as(scope).isNotEqualTo(en.getProperty(ApiTokens.wordsKey(scope)));
        });
    }

    @Test
    @DisplayName("L10 R6.5 every action and kind of resource Charte records in the audit log has its words in both languages, never shown as its code")
    void auditActionsWorded() throws IOException {
        Properties fr = merged("");
        Properties en = merged("_en");
        List<String> keys = new ArrayList<>();
        for (AccessRequest.Action action : AccessRequest.Action.values()) {
            keys.add("audit.action." + code(action));
        }
        for (ResourceRef.Type type : ResourceRef.Type.values()) {
            keys.add("audit.resource." + code(type));
        }
        // What the code records: the action (2nd argument) and the resource type (4th) of every entry it builds, and of the wrappers
        // that name the action (the retention run's log.audit, the breach register's audited).
        Pattern call = Pattern.compile("(new AuditEvent|AuditEvent\\.allowed|AuditEvent\\.denied|log\\.audit|\\baudited)\\(");
        Pattern literal = Pattern.compile("\"([a-z0-9][a-z0-9-]*)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher m = call.matcher(source);
                while (m.find()) {
                    List<String> arguments = arguments(source, m.end());
                    if (arguments.size() > 1) {
                        literal.matcher(arguments.get(1)).results().forEach(r -> keys.add("audit.action." + r.group(1)));
                    }
                    if ((m.group(1).startsWith("AuditEvent") || m.group(1).startsWith("new")) && arguments.size() > 3) {
                        literal.matcher(arguments.get(3)).results().forEach(r -> keys.add("audit.resource." + r.group(1)));
                    }
                }
            }
        }
        // the purposes of Charte's own mails that are no purpose of the policy (registers module: letters, notices, the DPO's mails)
        for (String own : List.of("breach-notification", "policy-change-notice", "accountability")) {
            keys.add("audit.purpose." + own);
        }
        assertThat(keys).as("the walk finds what the code records").contains("audit.action.retention-run", "audit.action.erase", "audit.action.record-breach",
                "audit.resource.retention-run");
        assertThat(keys.stream().distinct().filter(k -> !fr.containsKey(k) || !en.containsKey(k)).toList()).isEmpty();
    }

    /** The top-level arguments of a call whose opening parenthesis ends at {@code from}: split on commas outside brackets and strings. */
    private static List<String> arguments(String source, int from) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < source.length() && (source.charAt(end) != '"' || source.charAt(end - 1) == '\\')) {
                    end++;
                }
                current.append(source, i, Math.min(end + 1, source.length()));
                i = end;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    arguments.add(current.toString().strip());
                    return arguments;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                arguments.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        return arguments;
    }

    private static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
