package org.charte.policy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.charte.policy.Policy.AccessMode;
import org.charte.policy.Policy.Address;
import org.charte.policy.Policy.Authority;
import org.charte.policy.Policy.Breaches;
import org.charte.policy.Policy.ConsentCollection;
import org.charte.policy.Policy.Controller;
import org.charte.policy.Policy.Cookie;
import org.charte.policy.Policy.CookieParty;
import org.charte.policy.Policy.CookiePurpose;
import org.charte.policy.Policy.Cookies;
import org.charte.policy.Policy.DataCategory;
import org.charte.policy.Policy.Dpo;
import org.charte.policy.Policy.Keep;
import org.charte.policy.Policy.Marketing;
import org.charte.policy.Policy.Obligation;
import org.charte.policy.Policy.Outcome;
import org.charte.policy.Policy.Purpose;
import org.charte.policy.Policy.PurposeGroup;
import org.charte.policy.Policy.Recipient;
import org.charte.policy.Policy.RecipientType;
import org.charte.policy.Policy.RetentionRule;
import org.charte.policy.Policy.Right;
import org.charte.policy.Policy.Rights;
import org.charte.policy.Policy.Role;
import org.charte.policy.Policy.RoleKind;
import org.charte.policy.Policy.Source;
import org.charte.policy.Policy.Storage;
import org.charte.policy.Policy.Store;
import org.charte.policy.Policy.SubjectCategory;
import org.charte.policy.Policy.Transfer;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a policy file (format {@code charte-policy/1}, see docs/policy-format.md) and returns the
 * policy, or refuses it with every problem found, each naming the file and the line.
 */
public final class PolicyLoader {

    public static final String FORMAT = "charte-policy/1";
    /** The policy Charte runs unless told otherwise: Gestan Cloud v1.3, the corrected version of 1.2 (L10). */
    public static final String DEFAULT_RESOURCE = "policy/gestan-cloud-1.3.yaml";
    /** Gestan Cloud v1.2 as published on 27/12/2024, gaps included: the version 1.3 corrects. */
    public static final String V1_2_RESOURCE = "policy/gestan-cloud-1.2.yaml";
    /** Every version Charte ships, oldest first: each is a known version even on a fresh database, so they can be compared. */
    public static final List<String> SHIPPED_RESOURCES = List.of(V1_2_RESOURCE, DEFAULT_RESOURCE);

    private PolicyLoader() {}

    public static Policy load(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(file.toString(), 0, "no such file")));
        } catch (IOException e) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(file.toString(), 0, "cannot be read: " + e.getMessage())));
        }
        return parse(file.toString(), content);
    }

    /** The policy Charte ships with, read from the class path. */
    public static Policy loadDefault() {
        return parse(DEFAULT_RESOURCE, defaultContent());
    }

    public static String defaultContent() {
        return shippedContent(DEFAULT_RESOURCE);
    }

    /** A shipped policy file (one of {@link #SHIPPED_RESOURCES}), read from the class path. */
    public static Policy loadShipped(String resource) {
        return parse(resource, shippedContent(resource));
    }

    public static String shippedContent(String resource) {
        try (var in = PolicyLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the shipped policy " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Policy parse(String fileName, String content) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by the reader, with the line
            options.setMaxAliasesForCollections(0);
            root = new Yaml(options).compose(new StringReader(content));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new InvalidPolicyException(List.of(new PolicyProblem(fileName, line,
                    "not valid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(fileName, 0, "not valid YAML: " + e.getMessage())));
        }
        if (root == null) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(fileName, 0, "the file is empty")));
        }
        Reading reading = new Reading(new YamlReader(fileName));
        Policy policy = reading.policy(root, sha256(content));
        List<PolicyProblem> problems = new ArrayList<>(reading.reader.problems());
        if (policy != null && problems.isEmpty()) {
            problems.addAll(new PolicyValidator(fileName, reading.lines).validate(policy));
        }
        if (!problems.isEmpty() || policy == null) {
            throw new InvalidPolicyException(problems);
        }
        return policy;
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One reading of one file; remembers the line of every declared element for the validator. */
    private static final class Reading {
        final YamlReader reader;
        final Map<String, Integer> lines = new HashMap<>();

        Reading(YamlReader reader) {
            this.reader = reader;
        }

        private void at(String key, @Nullable Node node) {
            if (node != null) {
                lines.put(key, YamlReader.line(node));
            }
        }

        private void at(String key, YamlReader.Map_ map, String... fields) {
            lines.put(key, map.line());
            for (String field : fields) {
                at(key + "/" + field, map.node(field));
            }
        }

        @Nullable Policy policy(Node root, String sha) {
            var top = reader.map(root, "the policy file", Set.of("format", "version", "effective",
                    "title", "controller", "dpo", "supervisoryAuthority", "subjectCategories",
                    "dataCategories", "purposes", "retention", "archive", "recipients", "transfers", "storage",
                    "roles", "cookies", "rights", "marketing", "securityMeasures", "breaches", "changes"));
            if (top == null) {
                return null;
            }
            String format = top.string("format", true);
            if (format != null && !FORMAT.equals(format)) {
                reader.problem(top.node("format"), "format is '" + format + "'; this Charte reads '" + FORMAT + "'");
            }
            at("dpo", top.node("dpo"));
            at("top", root);
            String version = top.string("version");
            var effective = top.date("effective");
            Text title = top.text("title", true);
            Controller controller = controller(top);
            Dpo dpo = dpo(top);
            Authority authority = authority(top);
            var subjects = top.list("subjectCategories", true, this::subjectCategory);
            var categories = top.list("dataCategories", true, this::dataCategory);
            var purposes = top.list("purposes", true, this::purpose);
            var retention = top.list("retention", true, this::retentionRule);
            var archive = top.list("archive", false, this::obligation);
            var recipients = top.list("recipients", true, this::recipient);
            var transfers = top.list("transfers", false, this::transfer);
            Storage storage = storage(top);
            var roles = top.list("roles", true, this::role);
            Cookies cookies = cookies(top);
            Rights rights = rights(top);
            Marketing marketing = marketing(top, controller == null ? "" : controller.name());
            List<Text> measures = top.texts("securityMeasures");
            if (measures.isEmpty()) {
                reader.problem(root, "the policy file lists no 'securityMeasures'");
            }
            Breaches breaches = breaches(top);
            Policy.Changes changes = changes(top);
            if (!reader.problems().isEmpty() || title == null || effective == null || controller == null
                    || authority == null || storage == null || cookies == null || rights == null
                    || marketing == null) {
                return null;
            }
            return new Policy(version, effective, title, controller, dpo, authority, subjects,
                    categories, purposes, retention, archive, roles, recipients, transfers, storage, cookies,
                    rights, marketing, measures, breaches, sha, changes);
        }

        @Nullable Address address(YamlReader.Map_ parent, String key, String what) {
            var map = parent.map(key, what, Set.of("street", "postalCode", "city", "country"), true);
            if (map == null) {
                return null;
            }
            return new Address(map.string("street"), map.string("postalCode"), map.string("city"), map.string("country"));
        }

        @Nullable Controller controller(YamlReader.Map_ top) {
            var map = top.map("controller", "the controller", Set.of("name", "legalForm", "shareCapital",
                    "address", "siret", "rcs", "vat", "legalRepresentative", "email", "website", "service"), true);
            if (map == null) {
                return null;
            }
            Address address = address(map, "address", "the controller's address");
            return address == null ? null : new Controller(map.string("name"), map.string("legalForm"),
                    map.string("shareCapital"), address, map.string("siret"), map.string("rcs"),
                    map.string("vat"), map.string("legalRepresentative"), map.string("email"),
                    map.string("website"), map.string("service", false));
        }

        // A policy without a DPO is refused by the validator (R8.1), which reads a null here.
        @SuppressWarnings("NullAway")
        Dpo dpo(YamlReader.Map_ top) {
            var map = top.map("dpo", "the DPO", Set.of("name", "email", "address"), false);
            if (map == null) {
                return null;
            }
            return new Dpo(map.string("name"), map.string("email"), address(map, "address", "the DPO's address"));
        }

        @Nullable Authority authority(YamlReader.Map_ top) {
            var map = top.map("supervisoryAuthority", "the supervisory authority", Set.of("name", "address", "complaintUrl"), true);
            if (map == null) {
                return null;
            }
            Address address = address(map, "address", "the authority's address");
            return address == null ? null : new Authority(map.string("name"), address, map.string("complaintUrl"));
        }

        @Nullable SubjectCategory subjectCategory(Node node) {
            var map = reader.element(node, "subject category", Set.of("id", "label"));
            if (map == null) {
                return null;
            }
            String id = map.string("id");
            at("subject:" + id, map);
            return new SubjectCategory(id, orEmpty(map.text("label", true)));
        }

        @Nullable DataCategory dataCategory(Node node) {
            var map = reader.element(node, "data category", Set.of("id", "label", "items", "source", "subjects", "paymentCard"));
            if (map == null) {
                return null;
            }
            String id = map.string("id");
            at("category:" + id, map, "subjects");
            Source source = map.choice("source", Source.class, true);
            return new DataCategory(id, orEmpty(map.text("label", true)), map.texts("items"),
                    source == null ? Source.PROVIDED : source, map.strings("subjects", true),
                    map.bool("paymentCard", false));
        }

        @Nullable Purpose purpose(Node node) {
            var map = reader.element(node, "purpose", Set.of("id", "group", "label", "legalBasis",
                    "legitimateInterest", "subjects", "categories", "recipients"));
            if (map == null) {
                return null;
            }
            String id = map.string("id");
            at("purpose:" + id, map, "legalBasis", "categories", "recipients", "subjects");
            PurposeGroup group = map.choice("group", PurposeGroup.class, true);
            LegalBasis basis = legalBasis(map);
            return new Purpose(id, group == null ? PurposeGroup.SERVICE : group, orEmpty(map.text("label", true)),
                    basis, map.text("legitimateInterest", false), map.strings("subjects", true),
                    map.strings("categories", true), map.strings("recipients", true));
        }

        /** R1.2: exactly one legal basis, from the four the policy's §1 names. */
        @SuppressWarnings("NullAway")
        LegalBasis legalBasis(YamlReader.Map_ purpose) {
            Node node = purpose.node("legalBasis");
            if (node == null || YamlReader.isNull(node)) {
                reader.problem(purpose.node, purpose.what + " has no legal basis (legalBasis: one of contract, legal-obligation, legitimate-interest, consent)");
                return null;
            }
            if (!(node instanceof ScalarNode scalar)) {
                reader.problem(node, purpose.what + " must have exactly one legal basis, not a list");
                return null;
            }
            try {
                return LegalBasis.fromCode(scalar.getValue().trim());
            } catch (IllegalArgumentException e) {
                reader.problem(node, purpose.what + " has legal basis '" + scalar.getValue()
                        + "'; expected one of contract, legal-obligation, legitimate-interest, consent");
                return null;
            }
        }

        @Nullable RetentionRule retentionRule(Node node) {
            var map = reader.element(node, "retention rule", Set.of("id", "label", "subjectCategory",
                    "categories", "start", "duration", "keep", "then", "obligation"));
            if (map == null) {
                return null;
            }
            String id = map.string("id");
            at("retention:" + id, map, "subjectCategory", "categories", "start", "duration", "keep");
            var duration = map.period("duration", false);
            Keep keep = map.choice("keep", Keep.class, false);
            Outcome then = map.choice("then", Outcome.class, false);
            if (duration != null && then == null) {
                reader.problem(map.node, map.what + " has a duration but no 'then' (erase, archive, destroy or expire)");
            }
            return new RetentionRule(id, orEmpty(map.text("label", true)), map.string("subjectCategory", false),
                    map.strings("categories", true), map.strings("start", false), duration, keep,
                    then == null ? Outcome.ERASE : then, map.string("obligation", false));
        }

        /** L4: one legal obligation of the intermediate archive. */
        @Nullable Obligation obligation(Node node) {
            var map = reader.element(node, "archive obligation", Set.of("id", "label", "reference", "duration", "start",
                    "records", "categories", "purpose", "roles"));
            if (map == null) {
                return null;
            }
            String id = map.string("id");
            at("obligation:" + id, map, "reference", "duration", "start", "records", "categories", "purpose", "roles");
            var duration = map.period("duration", true);
            String reference = map.string("reference", true);
            String start = map.string("start", true);
            if (duration == null) {
                return null;
            }
            return new Obligation(id, orEmpty(map.text("label", true)), reference == null ? "" : reference, duration,
                    start == null ? "" : start, map.strings("records", true), map.strings("categories", true),
                    map.string("purpose"), map.strings("roles", true));
        }

        @Nullable Recipient recipient(Node node) {
            var map = reader.element(node, "recipient", Set.of("id", "type", "label", "when"));
            if (map == null) {
                return null;
            }
            String id = map.string("id");
            at("recipient:" + id, map, "type");
            RecipientType type = map.choice("type", RecipientType.class, true);
            return new Recipient(id, orEmpty(map.text("label", true)), type == null ? RecipientType.INTERNAL : type,
                    orEmpty(map.text("when", true)));
        }

        @Nullable Transfer transfer(Node node) {
            var map = reader.element(node, "transfer", Set.of("id", "recipient", "label", "countries", "categories", "safeguard",
                    "safeguardReference"));
            if (map == null) {
                return null;
            }
            String id = map.string("id");
            at("transfer:" + id, map, "recipient", "countries", "categories", "safeguard");
            String safeguard = map.string("safeguard", false);
            return new Transfer(id, map.string("recipient"), orEmpty(map.text("label", true)),
                    map.strings("countries", true), map.strings("categories", true), safeguard == null ? "" : safeguard,
                    map.text("safeguardReference", false));
        }

        @Nullable Storage storage(YamlReader.Map_ top) {
            var map = top.map("storage", "the storage", Set.of("allowedLocations", "stores"), true);
            if (map == null) {
                return null;
            }
            at("storage", map, "allowedLocations");
            List<Store> stores = map.list("stores", true, node -> {
                var store = reader.element(node, "data store", Set.of("id", "label", "location"));
                if (store == null) {
                    return null;
                }
                String id = store.string("id");
                at("store:" + id, store, "location");
                return new Store(id, orEmpty(store.text("label", true)), store.string("location"));
            });
            return new Storage(map.strings("allowedLocations", true), stores);
        }

        @Nullable Role role(Node node) {
            var map = reader.element(node, "role", Set.of("id", "kind", "access", "commitmentRequired",
                    "recipient", "label", "categories", "purposes"));
            if (map == null) {
                return null;
            }
            String id = map.string("id");
            at("role:" + id, map, "kind", "access", "commitmentRequired", "recipient", "categories", "purposes");
            RoleKind kind = map.choice("kind", RoleKind.class, true);
            AccessMode access = map.choice("access", AccessMode.class, true);
            return new Role(id, orEmpty(map.text("label", true)), kind == null ? RoleKind.STAFF : kind,
                    access == null ? AccessMode.NONE : access, map.bool("commitmentRequired", false),
                    map.string("recipient", false), map.strings("categories", true), map.strings("purposes", true));
        }

        @Nullable Cookies cookies(YamlReader.Map_ top) {
            var map = top.map("cookies", "the cookies section", Set.of("collection", "reaskAfter",
                    "doNotTrackHonoured", "proofKept", "purposes"), true);
            if (map == null) {
                return null;
            }
            ConsentCollection collection = map.choice("collection", ConsentCollection.class, true);
            List<CookiePurpose> purposes = map.list("purposes", true, node -> {
                var purpose = reader.element(node, "cookie purpose", Set.of("id", "purpose", "label",
                        "consentRequired", "items", "maxAge", "cookies"));
                if (purpose == null) {
                    return null;
                }
                String id = purpose.string("id");
                at("cookie:" + id, purpose, "purpose", "consentRequired", "maxAge", "cookies");
                List<Cookie> list = purpose.list("cookies", false, cookieNode -> {
                    var cookie = reader.element(cookieNode, "cookie", Set.of("name", "lifetime", "provider", "party"));
                    if (cookie == null) {
                        return null;
                    }
                    String name = cookie.string("name");
                    at("cookie:" + id + ":" + name, cookie, "lifetime", "provider", "party");
                    CookieParty party = cookie.choice("party", CookieParty.class, true);
                    return new Cookie(name, cookie.period("lifetime", false), cookie.string("provider"),
                            party == null ? CookieParty.FIRST : party);
                });
                return new CookiePurpose(id, purpose.string("purpose"), orEmpty(purpose.text("label", true)),
                        purpose.bool("consentRequired", true), purpose.texts("items"), purpose.period("maxAge", false), list);
            });
            return new Cookies(collection == null ? ConsentCollection.BANNER : collection,
                    map.period("reaskAfter", false), map.bool("doNotTrackHonoured", false),
                    map.bool("proofKept", false), purposes);
        }

        @Nullable Rights rights(YamlReader.Map_ top) {
            var map = top.map("rights", "the rights section", Set.of("rights", "channels", "postalAddress",
                    "email", "answerDeadline", "extension", "objectionRequiresMotive",
                    "marketingObjectionWithoutMotive", "recipientsNotified", "identityDocumentDeleted"), true);
            if (map == null) {
                return null;
            }
            at("rights", map, "rights");
            List<Right> rights = new ArrayList<>();
            for (String code : map.strings("rights", true)) {
                Right right = null;
                for (Right candidate : Right.values()) {
                    if (YamlReader.kebab(candidate).equals(code)) {
                        right = candidate;
                    }
                }
                if (right == null) {
                    reader.problem(map.node("rights"), "unknown right '" + code + "' in the rights section");
                } else {
                    rights.add(right);
                }
            }
            Address address = address(map, "postalAddress", "the rights section's postal address");
            return address == null ? null : new Rights(rights, map.strings("channels", true), address,
                    map.string("email"), map.period("answerDeadline", false), map.period("extension", false),
                    map.bool("objectionRequiresMotive", true), map.bool("marketingObjectionWithoutMotive", false),
                    map.bool("recipientsNotified", false), map.bool("identityDocumentDeleted", false));
        }

        /** Codes someone might write for the mobile apps' channels, which the policy excludes (R9.10). */
        private static final Set<String> APP_CHANNELS = Set.of("push", "in-app", "inapp", "app", "apps", "mobile-app",
                "mobile-apps", "notification", "notifications", "push-notification", "push-notifications");

        /** The marketing section (§9.2; R9.9, R9.10, L2, L9); see {@link Marketing}. */
        @Nullable Marketing marketing(YamlReader.Map_ top, String controller) {
            Node section = top.node("marketing");
            if (section instanceof MappingNode mapping && mapping.getValue().stream()
                    .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("phoneBasis"))) {
                return legacyMarketing(top, controller);
            }
            var map = top.map("marketing", "the marketing section", Set.of("channels", "bases", "unsubscribe", "sender",
                    "objection", "sms", "suppressionRetention", "otherChannels", "intro", "notices", "campaigns"), true);
            if (map == null) {
                return null;
            }
            at("marketing", map, "channels", "bases", "unsubscribe", "sender", "objection", "sms",
                    "suppressionRetention", "otherChannels", "notices", "campaigns");
            List<MarketingChannel> channels = new ArrayList<>();
            for (String code : map.strings("channels", true)) {
                MarketingChannel channel = channel(map.node("channels"), code, "marketing.channels");
                if (channel != null && channels.contains(channel)) {
                    reader.problem(map.node("channels"), "marketing.channels: channel '" + code + "' is listed twice");
                } else if (channel != null) {
                    channels.add(channel);
                }
            }
            Map<MarketingChannel, List<MarketingBasis>> bases = new EnumMap<>(MarketingChannel.class);
            byChannel(map, "bases", true, (channel, node, path) -> {
                List<MarketingBasis> list = new ArrayList<>();
                List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
                for (Node item : items) {
                    String code = item instanceof ScalarNode scalar ? scalar.getValue().trim() : "";
                    var basis = MarketingBasis.fromCode(code);
                    if (basis.isEmpty()) {
                        reader.problem(item, path + ": unknown basis '" + code + "'; expected one of " + String.join(", ",
                                Arrays.stream(MarketingBasis.values()).map(MarketingBasis::code).toList()));
                    } else if (!list.contains(basis.get())) {
                        list.add(basis.get());
                    }
                }
                bases.put(channel, List.copyOf(list));
            });
            Map<MarketingChannel, Text> objection = new EnumMap<>(MarketingChannel.class);
            byChannel(map, "objection", false, (channel, node, path) -> {
                Text text = reader.text(node, path);
                if (text != null) {
                    objection.put(channel, text);
                }
            });
            Policy.SmsStop sms = null;
            var smsMap = map.map("sms", "the marketing section's sms", Set.of("stopNumber", "stopConfirmation"), false);
            if (smsMap != null) {
                at("marketing/sms/stopNumber", smsMap.node("stopNumber"));
                sms = new Policy.SmsStop(smsMap.string("stopNumber", false), orEmpty(smsMap.text("stopConfirmation", true)));
            }
            List<Policy.MarketingNotice> notices = map.list("notices", true, node -> {
                var notice = reader.element(node, "marketing notice", Set.of("heading", "channels", "paragraphs"));
                if (notice == null) {
                    return null;
                }
                List<MarketingChannel> about = new ArrayList<>();
                for (String code : notice.strings("channels", false)) {
                    MarketingChannel channel = channel(notice.node("channels"), code, "marketing.notices.channels");
                    if (channel != null) {
                        about.add(channel);
                    }
                }
                List<Text> paragraphs = notice.texts("paragraphs");
                if (paragraphs.isEmpty()) {
                    reader.problem(notice.node, "a marketing notice has no 'paragraphs'");
                }
                return new Policy.MarketingNotice(orEmpty(notice.text("heading", true)), about, paragraphs);
            });
            Policy.Unsubscribe unsubscribe = map.choice("unsubscribe", Policy.Unsubscribe.class, true);
            List<String> campaignRoles = List.of();
            var campaigns = map.map("campaigns", "the marketing section's campaigns", Set.of("roles"), false);
            if (campaigns != null) {
                at("marketing/campaigns/roles", campaigns.node("roles"));
                campaignRoles = campaigns.strings("roles", true);
            }
            return new Marketing(channels, bases, unsubscribe == null ? Policy.Unsubscribe.ONE_CLICK : unsubscribe,
                    orEmpty(map.text("sender", true)), objection, sms, map.period("suppressionRetention", false),
                    map.string("otherChannels"), orEmpty(map.text("intro", true)), notices, campaignRoles);
        }

        /**
         * The flat marketing section of the files loaded before the structured one (stored policy
         * versions stay readable, R1.1): the same four channels, bases from its flags, the unsubscribe
         * link, §9.2 in the sentences Charte rendered it with then, and no objection instructions nor
         * suppression retention (which the lint reports, L9).
         */
        private @Nullable Marketing legacyMarketing(YamlReader.Map_ top, String controller) {
            var map = top.map("marketing", "the marketing section", Set.of("electronicToExistingClientsOnly",
                    "unsubscribeLink", "smsStop", "mobileAppSolicitation", "phoneBasis", "otherChannels"), true);
            if (map == null) {
                return null;
            }
            at("marketing", map, "phoneBasis", "otherChannels");
            boolean clientsOnly = map.bool("electronicToExistingClientsOnly", false);
            map.bool("unsubscribeLink", false);
            map.bool("smsStop", false);
            map.bool("mobileAppSolicitation", false);
            String phone = map.string("phoneBasis", true);
            boolean bloctel = !"consent".equals(phone);
            if (phone != null && !phone.equals("consent") && !phone.equals("opposition-list")) {
                reader.problem(map.node("phoneBasis"), "'phoneBasis' in the marketing section is '" + phone
                        + "'; expected one of opposition-list, consent");
            }
            List<MarketingBasis> electronic = List.of(clientsOnly ? MarketingBasis.CLIENT_ANALOGOUS : MarketingBasis.CONSENT);
            List<Text> paragraphs = new ArrayList<>();
            if (clientsOnly) {
                paragraphs.add(new Text("Nos sollicitations par voie électronique (e-mail, SMS) sont limitées aux clients existants, pour des produits ou services analogues à ceux que nous leur fournissons déjà.",
                        "Our electronic solicitations (e-mail, SMS) go only to existing clients, about products or services similar to those we already supply them."));
            }
            paragraphs.add(new Text("Vous pouvez toujours vous y opposer en cliquant sur le lien de désabonnement présent dans chaque e-mail, en répondant STOP à un SMS, ou en vous adressant au service clients.",
                    "You can always object by clicking the unsubscribe link in every e-mail, replying STOP to an SMS, or contacting customer service."));
            paragraphs.add(new Text("Aucune sollicitation commerciale n'est effectuée sur nos applications mobiles.",
                    "We send no commercial solicitation through our mobile apps."));
            paragraphs.add(bloctel
                    ? new Text("Par téléphone : si vous ne souhaitez pas être sollicité, vous pouvez vous inscrire sur la liste d'opposition au démarchage téléphonique (www.bloctel.gouv.fr).",
                            "By phone: if you do not wish to be called, you can register on the French opposition list for telephone canvassing (www.bloctel.gouv.fr).")
                    : new Text("Par téléphone : nous ne vous démarchons qu'avec votre consentement préalable.",
                            "By phone: we call you for offers only with your prior consent."));
            paragraphs.add(new Text("Par tout autre moyen : contactez notre service clients pour lui signaler que vous ne souhaitez pas faire l'objet de sollicitations.",
                    "By any other means: tell our customer service that you do not wish to receive solicitations."));
            List<MarketingChannel> all = List.of(MarketingChannel.values());
            return new Marketing(all,
                    Map.of(MarketingChannel.EMAIL, electronic, MarketingChannel.SMS, electronic,
                            MarketingChannel.PHONE, List.of(bloctel ? MarketingBasis.OPPOSITION_LIST : MarketingBasis.CONSENT),
                            MarketingChannel.POST, List.of(MarketingBasis.UNLESS_OBJECTED)),
                    Policy.Unsubscribe.LINK, new Text(controller, controller), Map.of(), null, null,
                    map.string("otherChannels"), new Text("", ""),
                    List.of(new Policy.MarketingNotice(new Text("", ""), all, paragraphs)));
        }

        /** A marketing channel's code, or a problem naming the path: push and in-app are refused as such (R9.10). */
        private @Nullable MarketingChannel channel(@Nullable Node at, String code, String path) {
            var channel = MarketingChannel.fromCode(code);
            if (channel.isPresent()) {
                return channel.get();
            }
            if (APP_CHANNELS.contains(code.toLowerCase(Locale.ROOT))) {
                reader.problem(at, path + ": '" + code + "' is not a marketing channel: the policy promises no commercial "
                        + "solicitation through the mobile apps (§9.2, R9.10); expected one of email, sms, phone, post");
            } else {
                reader.problem(at, path + ": unknown marketing channel '" + code + "'; expected one of email, sms, phone, post");
            }
            return null;
        }

        private interface PerChannel {
            void read(MarketingChannel channel, Node value, String path);
        }

        /** A mapping whose keys are channel codes ({@code bases}, {@code objection}). */
        private void byChannel(YamlReader.Map_ map, String key, boolean required, PerChannel each) {
            Node node = map.node(key);
            if (node == null || YamlReader.isNull(node)) {
                if (required) {
                    reader.problem(map.node, map.what + " has no '" + key + "'");
                }
                return;
            }
            if (!(node instanceof MappingNode mapping)) {
                reader.problem(node, "marketing." + key + " must be a mapping of channels (email, sms, phone, post) to values");
                return;
            }
            Set<MarketingChannel> seen = new HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String code = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue().trim() : "?";
                String path = "marketing." + key + "." + code;
                MarketingChannel channel = channel(tuple.getKeyNode(), code, "marketing." + key);
                if (channel != null && !seen.add(channel)) {
                    reader.problem(tuple.getKeyNode(), "key '" + code + "' appears twice in marketing." + key);
                } else if (channel != null) {
                    at("marketing/" + key + "/" + code, tuple.getKeyNode());
                    each.read(channel, tuple.getValueNode(), path);
                }
            }
        }

        @Nullable Breaches breaches(YamlReader.Map_ top) {
            var map = top.map("breaches", "the breaches section", Set.of("registerKept", "notifyAuthorityWithin"), false);
            if (map == null) {
                return null;
            }
            return new Breaches(map.bool("registerKept", false), map.period("notifyAuthorityWithin", false));
        }

        /** L10: what this version changes from the one it replaces (docs/policy-format.md, "changes"). */
        Policy.@Nullable Changes changes(YamlReader.Map_ top) {
            var map = top.map("changes", "the changes section", Set.of("from", "items"), false);
            if (map == null) {
                return null;
            }
            at("changes", map, "from");
            String from = map.string("from");
            var items = map.list("items", true, node -> {
                var item = reader.element(node, "change", Set.of("clause", "summary", "reason", "sources", "material"));
                if (item == null) {
                    return null;
                }
                String clause = item.string("clause");
                if (!CLAUSE.matcher(clause).matches()) {
                    reader.problem(item.node("clause"), "a change names its clause by the section's number, such as 5 or 9.1");
                }
                List<String> sources = item.strings("sources", true);
                for (String source : sources) {
                    if (!SOURCE.matcher(source).matches()) {
                        reader.problem(item.node("sources"), "a change's source is a lint finding or requirement id such as L4 or R9.9");
                    }
                }
                return new Policy.Change(clause, orEmpty(item.text("summary", true)), orEmpty(item.text("reason", true)), sources,
                        item.bool("material", false));
            });
            return new Policy.Changes(from, items);
        }

        private static final Pattern CLAUSE = Pattern.compile("[1-9][0-9]?(\\.[1-9][0-9]?)?");
        private static final Pattern SOURCE = Pattern.compile("[LR][0-9]{1,2}(\\.[0-9]{1,2})?");

        private static Text orEmpty(@Nullable Text text) {
            return text == null ? new Text("", "") : text;
        }
    }
}
