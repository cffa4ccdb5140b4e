package org.charte.subjects.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.Policy;
import org.charte.subjects.Adulthood;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.Lifecycle;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.Screening;
import org.charte.subjects.SensitiveDataScreen.Handling;
import org.charte.subjects.Subject;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.subjects.UnknownSubjectException;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * People in {@code data_subject}: status and dates in clear, their data in three sealed parts
 * (one per data category), and blind indexes of every e-mail, phone and last name in
 * {@code subject_lookup}. Every access by a person or an integration is decided before any data
 * is touched.
 */
@Service
class JdbcSubjects implements Subjects, org.charte.subjects.SubjectRetention {

    /** The vault's field names of the three sealed parts. */
    static final String IDENTITY_FIELD = "identity";
    static final String CONTACTS_FIELD = "contacts";
    static final String OTHER_FIELD = "other-information";
    static final int SEARCH_LIMIT = 50;
    static final Set<String> PERSONAL = Set.of(IDENTITY, CONTACT, OTHER_INFORMATION);

    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final Vault vault;
    private final CurrentPolicy current;
    private final Policy policy;
    private final Ids ids;
    private final Clock clock;
    private final AccessDecisions decisions;
    private final AuditLog audit;
    private final PersonalDataRules rules;
    private final WordListScreen screen;
    private final TransactionTemplate transaction;

    JdbcSubjects(JdbcClient jdbc, Vault vault, CurrentPolicy current, Policy policy, Ids ids, Clock clock, AccessDecisions decisions,
            AuditLog audit, PersonalDataRules rules, WordListScreen screen, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.current = current;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
        this.decisions = decisions;
        this.audit = audit;
        this.rules = rules;
        this.screen = screen;
        this.transaction = new TransactionTemplate(transactions);
    }

    // --- people and integrations: decided and audited -----------------------------------------

    @Override
    public Created create(Actor actor, @Nullable String purpose, NewSubject subject) {
        String chosen = purpose == null || purpose.isBlank() ? defaultPurpose(subject.status()) : purpose.strip();
        LocalDate lastContact = subject.lastContactOn() == null ? LocalDate.now(clock) : subject.lastContactOn();
        if (subject.status() == null) {
            throw new InvalidInputException("status", "must be prospect, client-active or client-inactive");
        }
        Checked checked = checked(subject.data(), lastContact, actor.typedId());
        UUID id = ids.next();
        decisions.require(new AccessRequest(actor, chosen, Action.CREATE, categoriesOf(checked.data()), ResourceRef.subject(id)));
        return insert(id, subject.status(), checked, lastContact, actor.typedId());
    }

    private String defaultPurpose(@Nullable SubjectStatus status) {
        if (status == SubjectStatus.PROSPECT) {
            return "loyalty-prospecting";
        }
        if (status == SubjectStatus.CLIENT_ACTIVE) {
            return "subscription-contract";
        }
        throw new InvalidInputException("purpose", "is required for this status");
    }

    private static Set<String> categoriesOf(PersonalData data) {
        Set<String> categories = new TreeSet<>(Set.of(IDENTITY));
        if (!data.contacts().isEmpty()) {
            categories.add(CONTACT);
        }
        if (data.otherInformation() != null) {
            categories.add(OTHER_INFORMATION);
        }
        return categories;
    }

    @Override
    public Subject read(Actor actor, String purpose, UUID id) {
        return read(actor, purpose, defaultCategories(purpose), id);
    }

    /** Identity and contact, as far as the purpose uses them; other information only when asked for. */
    private Set<String> defaultCategories(String purpose) {
        Set<String> used = policy.purpose(purpose).map(p -> Set.copyOf(p.categories())).orElse(Set.of(IDENTITY, CONTACT));
        Set<String> categories = new TreeSet<>();
        for (String category : List.of(IDENTITY, CONTACT)) {
            if (used.contains(category)) {
                categories.add(category);
            }
        }
        return categories;
    }

    @Override
    public Subject read(Actor actor, String purpose, Set<String> categories, UUID id) {
        requirePurpose(purpose);
        if (categories.isEmpty() || !PERSONAL.containsAll(categories)) {
            throw new InvalidInputException("categories", "must be some of identity, contact, other-information");
        }
        Row row = row(id).orElseThrow(() -> new UnknownSubjectException(id));
        decisions.require(new AccessRequest(actor, purpose, Action.READ, categories, ResourceRef.subject(id)));
        return view(row, categories);
    }

    private static void requirePurpose(@Nullable String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new InvalidInputException("purpose", "is required: the policy purpose this access serves");
        }
    }

    @Override
    public void validate(Change change) {
        PersonalDataRules.Findings findings = new PersonalDataRules.Findings();
        if (change.identity() != null) {
            rules.identity(change.identity(), findings);
        }
        if (change.contacts() != null) {
            rules.contacts(change.contacts(), findings);
        }
        if (change.otherInformation() != null) {
            rules.otherInformation(change.otherInformation(), findings);
        }
        refuseIfInvalid(findings, SYSTEM, null);
    }

    @Override
    public Subject update(Actor actor, String purpose, UUID id, Change change) {
        return write(actor, purpose, id, change, false).subject();
    }

    /**
     * A change written: the parts as stored, and the person's parts as they were before (opened only
     * to tell which fields changed; never returned or logged).
     */
    record Written(Subject subject, @Nullable Identity identityBefore, @Nullable Contacts contactsBefore, @Nullable String otherBefore) {}

    /**
     * Validates, screens, decides (WRITE on the categories changed, for the purpose), then writes;
     * with {@code compare}, keeps the changed parts as they were, to tell which fields changed.
     */
    Written write(Actor actor, String purpose, UUID id, Change change, boolean compare) {
        requirePurpose(purpose);
        Row row = row(id).orElseThrow(() -> new UnknownSubjectException(id));
        if (change.identity() == null && change.contacts() == null && change.otherInformation() == null) {
            throw new InvalidInputException("identity", "nothing to change: give identity, contacts or otherInformation");
        }
        PersonalDataRules.Findings findings = new PersonalDataRules.Findings();
        Identity identity = change.identity() == null ? null : rules.identity(change.identity(), findings);
        Contacts contacts = change.contacts() == null ? null : rules.contacts(change.contacts(), findings);
        String other = change.otherInformation() == null ? null : rules.otherInformation(change.otherInformation(), findings);
        refuseIfInvalid(findings, actor.typedId(), id);
        Set<String> categories = new TreeSet<>();
        if (identity != null) {
            categories.add(IDENTITY);
        }
        if (contacts != null) {
            categories.add(CONTACT);
        }
        if (change.otherInformation() != null) {
            categories.add(OTHER_INFORMATION);
        }
        decisions.require(new AccessRequest(actor, purpose, Action.WRITE, categories, ResourceRef.subject(id)));
        Identity identityBefore = compare && identity != null ? identityOf(row) : null;
        Contacts contactsBefore = compare && contacts != null ? contactsOf(row) : null;
        String otherBefore = compare && change.otherInformation() != null ? otherOf(row) : null;
        transaction.executeWithoutResult(status -> {
            if (row.legacy()) {
                upgradeLegacy(row);
            }
            if (identity != null) {
                jdbc.sql("UPDATE data_subject SET identity = ? WHERE id = ?").params(sealJson(id, IDENTITY_FIELD, identity), id).update();
                index(id, identity, null);
            }
            if (contacts != null) {
                jdbc.sql("UPDATE data_subject SET contacts = ? WHERE id = ?").params(sealJson(id, CONTACTS_FIELD, contacts), id).update();
                index(id, null, contacts);
            }
            if (change.otherInformation() != null) {
                jdbc.sql("UPDATE data_subject SET other_information = ? WHERE id = ?").params(sealText(id, other), id).update();
            }
            jdbc.sql("UPDATE data_subject SET updated_at = ? WHERE id = ?").params(clock.instant().atOffset(ZoneOffset.UTC), id).update();
        });
        if (!findings.freeText.clean()) {
            screen.record(findings.freeText, Handling.REDACTED, actor.typedId(), "subject", id.toString(), id);
        }
        return new Written(new Subject(id, row.status(), row.lastContactOn(), row.contractEndedOn(), categories, identity, contacts,
                categories.contains(OTHER_INFORMATION) ? other : null), identityBefore, contactsBefore, otherBefore);
    }

    @Override
    public List<Found> search(Actor actor, String purpose, Criteria criteria) {
        requirePurpose(purpose);
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        Map<String, String> digests = new LinkedHashMap<>();
        if (criteria.email() != null && !criteria.email().isBlank()) {
            String email = PersonalDataRules.normalisedEmail(criteria.email());
            if (email == null) {
                errors.add(new InvalidInputException.FieldError("email", "is not a valid e-mail address"));
            } else {
                digests.put("email", vault.blindIndex("email", email));
            }
        }
        if (criteria.phone() != null && !criteria.phone().isBlank()) {
            String phone = rules.e164(criteria.phone());
            if (phone == null) {
                errors.add(new InvalidInputException.FieldError("phone", "is not a valid phone number"));
            } else {
                digests.put("phone", vault.blindIndex("phone", phone));
            }
        }
        if (criteria.name() != null && !criteria.name().isBlank()) {
            String name = PersonalDataRules.nameKey(criteria.name());
            if (name.isEmpty()) {
                errors.add(new InvalidInputException.FieldError("name", "must hold letters"));
            } else {
                digests.put("name", vault.blindIndex("name", name));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (digests.isEmpty()) {
            throw new InvalidInputException("email", "give an e-mail, a phone or a name to search for");
        }
        Set<UUID> matches = null;
        for (var criterion : digests.entrySet()) {
            Set<UUID> found = new LinkedHashSet<>(jdbc.sql("SELECT subject_id FROM subject_lookup WHERE kind = ? AND digest = ? ORDER BY subject_id")
                    .params(criterion.getKey(), criterion.getValue()).query(UUID.class).list());
            if (matches == null) {
                matches = found;
            } else {
                matches.retainAll(found);
            }
        }
        List<UUID> hits = matches.stream().limit(SEARCH_LIMIT).toList();
        boolean knownPurpose = policy.purpose(purpose).isPresent();
        Set<String> searched = new TreeSet<>();
        digests.keySet().forEach(kind -> searched.add(kind.equals("name") ? IDENTITY : CONTACT));
        audit.append(new AuditEvent(actor.typedId(), "search", knownPurpose ? purpose : null, "subject", null, null,
                List.copyOf(searched), AuditOutcome.ALLOWED,
                (knownPurpose ? "" : "unknown purpose; ") + "by " + String.join(" and ", digests.keySet()) + ": " + hits.size() + " match(es)"));
        Set<String> categories = defaultCategories(purpose);
        List<Found> results = new ArrayList<>();
        for (UUID id : hits) {
            Row row = row(id).orElse(null);
            if (row == null) {
                continue;
            }
            boolean allowed = !categories.isEmpty() && knownPurpose
                    && decisions.decide(new AccessRequest(actor, purpose, Action.READ, categories, ResourceRef.subject(id))).allowed();
            results.add(new Found(id, row.status(), row.lastContactOn(), allowed ? view(row, categories) : null));
        }
        return results;
    }

    // --- the system's own paths -----------------------------------------------------------------

    @Override
    public UUID register(SubjectStatus status, PersonalData data, LocalDate lastContact) {
        Checked checked = checked(data, lastContact, SYSTEM);
        return insert(ids.next(), status, checked, lastContact, SYSTEM).id();
    }

    /** Valid, normalised data, and the screening of its free text (redacted already). */
    private record Checked(PersonalData data, Screening freeText) {}

    /** Validates and screens; records a refused sensitive hit and throws with every invalid field. */
    private Checked checked(@Nullable PersonalData data, LocalDate lastContact, String actor) {
        PersonalDataRules.Findings findings = new PersonalDataRules.Findings();
        Identity identity = rules.identity(data == null ? null : data.identity(), findings);
        Contacts contacts = rules.contacts(data == null ? null : data.contacts(), findings);
        String other = rules.otherInformation(data == null ? null : data.otherInformation(), findings);
        if (!org.charte.common.PlausibleDate.isPlausible(lastContact)) {
            findings.error("lastContactOn", org.charte.common.PlausibleDate.MESSAGE); // year 0 would erase a prospect at the next run
        } else if (lastContact.isAfter(LocalDate.now(clock))) {
            findings.error("lastContactOn", "must not be in the future");
        }
        refuseIfInvalid(findings, actor, null);
        return new Checked(new PersonalData(identity, contacts, other), findings.freeText);
    }

    private void refuseIfInvalid(PersonalDataRules.Findings findings, String actor, @Nullable UUID subjectId) {
        if (!findings.refused.isEmpty()) {
            screen.record(new Screening(findings.refused, ""), Handling.REFUSED, actor, "subject",
                    subjectId == null ? null : subjectId.toString(), subjectId);
        }
        if (!findings.ok()) {
            throw new InvalidInputException(findings.errors);
        }
    }

    private Created insert(UUID id, SubjectStatus status, Checked checked, LocalDate lastContact, String actor) {
        PersonalData data = checked.data();
        transaction.executeWithoutResult(tx -> {
            vault.createKey(id);
            jdbc.sql("""
                    INSERT INTO data_subject (id, status, created_at, last_contact_on, policy_version_id, identity, contacts, other_information)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, status.name(), clock.instant().atOffset(ZoneOffset.UTC), lastContact, current.version().id(),
                            sealJson(id, IDENTITY_FIELD, data.identity()), sealJson(id, CONTACTS_FIELD, data.contacts()),
                            sealText(id, data.otherInformation()))
                    .update();
            index(id, data.identity(), data.contacts());
        });
        if (!checked.freeText().clean()) {
            screen.record(checked.freeText(), Handling.REDACTED, actor, "subject", id.toString(), id);
        }
        return new Created(id, status, lastContact, checked.freeText().categories());
    }

    @Override
    public Optional<UUID> findByEmail(String email) {
        String normalised = PersonalDataRules.normalisedEmail(email);
        return normalised == null ? Optional.empty()
                : jdbc.sql("SELECT subject_id FROM subject_lookup WHERE kind = 'email' AND digest = ? ORDER BY subject_id")
                        .param(vault.blindIndex("email", normalised)).query(UUID.class).list().stream().findFirst();
    }

    @Override
    public Optional<SubjectStatus> status(UUID id) {
        return lifecycle(id).map(Lifecycle::status);
    }

    @Override
    public Optional<Lifecycle> lifecycle(UUID id) {
        return jdbc.sql("SELECT status, last_contact_on, contract_ended_on FROM data_subject WHERE id = ?").param(id)
                .query((rs, n) -> new Lifecycle(SubjectStatus.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class)))
                .optional();
    }

    @Override
    public void recordContact(UUID id, LocalDate on) {
        existing(id);
        jdbc.sql("UPDATE data_subject SET last_contact_on = ? WHERE id = ? AND last_contact_on < ?").params(on, id, on).update();
    }

    @Override
    public void becameClient(UUID id, LocalDate on) {
        existing(id);
        transaction.executeWithoutResult(tx -> {
            jdbc.sql("UPDATE data_subject SET status = ?, contract_ended_on = NULL WHERE id = ?")
                    .params(SubjectStatus.CLIENT_ACTIVE.name(), id).update();
            recordContact(id, on);
        });
    }

    @Override
    public void contractsEnded(UUID id, LocalDate on) {
        Lifecycle lifecycle = existing(id);
        if (lifecycle.status() == SubjectStatus.PROSPECT) {
            throw new InvalidInputException("subjectId", "a prospect has no contract to end");
        }
        LocalDate ended = lifecycle.contractEndedOn() != null && lifecycle.contractEndedOn().isAfter(on) ? lifecycle.contractEndedOn() : on;
        jdbc.sql("UPDATE data_subject SET status = ?, contract_ended_on = ? WHERE id = ?")
                .params(SubjectStatus.CLIENT_INACTIVE.name(), ended, id).update();
    }

    @Override
    public boolean isAdultOn(UUID id, LocalDate day) {
        Row row = row(id).orElseThrow(() -> new InvalidInputException("subjectId", "no such person"));
        LocalDate birth = identityOf(row).birthDate();
        return Adulthood.FRANCE.isAdultOn(birth, day);
    }

    private Lifecycle existing(UUID id) {
        return lifecycle(id).orElseThrow(() -> new InvalidInputException("subjectId", "no such person"));
    }

    @Override
    public Map<SubjectStatus, Long> countByStatus() {
        Map<SubjectStatus, Long> counts = new EnumMap<>(SubjectStatus.class);
        for (SubjectStatus status : SubjectStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) AS n FROM data_subject GROUP BY status")
                .query((rs, n) -> Map.entry(SubjectStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    // --- retention (the system erasing, R5.6) --------------------------------------------------

    /** The retention start: the later of the last contact and the end of the last contract. */
    private static final String DUE = "status = :status AND last_contact_on < :cutoff AND (contract_ended_on IS NULL OR contract_ended_on < :cutoff)";

    @Override
    public List<UUID> dueIds(SubjectStatus status, LocalDate cutoff, @Nullable UUID after, int limit) {
        return jdbc.sql("SELECT id FROM data_subject WHERE " + DUE + (after == null ? "" : " AND id > :after") + " ORDER BY id FETCH FIRST "
                        + Math.max(1, limit) + " ROWS ONLY")
                .param("status", status.name()).param("cutoff", cutoff).param("after", after)
                .query(UUID.class).list();
    }

    @Override
    public long countDue(SubjectStatus status, LocalDate cutoff) {
        return jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE " + DUE).param("status", status.name()).param("cutoff", cutoff)
                .query(Long.class).single();
    }

    @Override
    public Map<UUID, Lifecycle> lock(java.util.Collection<UUID> ids) {
        Map<UUID, Lifecycle> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT id, status, last_contact_on, contract_ended_on FROM data_subject WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), new Lifecycle(SubjectStatus.valueOf(rs.getString(2)),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class))))
                .list().forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    @Override
    public Map<UUID, ArchiveIdentity> archiveIdentities(java.util.Collection<UUID> ids) {
        Map<UUID, ArchiveIdentity> found = new LinkedHashMap<>();
        for (UUID id : ids) {
            row(id).ifPresent(row -> {
                Identity identity = identityOf(row);
                Contacts contacts = contactsOf(row);
                found.put(id, new ArchiveIdentity(new Identity(identity.civility(), identity.lastName(), identity.firstNames(), null),
                        contacts.addresses().isEmpty() ? null : contacts.addresses().getFirst()));
            });
        }
        return found;
    }

    @Override
    public int erase(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<UUID> list = List.copyOf(ids);
        jdbc.sql("DELETE FROM subject_lookup WHERE subject_id IN (:ids)").param("ids", list).update();
        int erased = jdbc.sql("DELETE FROM data_subject WHERE id IN (:ids)").param("ids", list).update();
        vault.shredAll(list);
        return erased;
    }

    @Override
    public int eraseOtherInformation(java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? 0 : jdbc.sql("UPDATE data_subject SET other_information = NULL WHERE id IN (:ids) AND other_information IS NOT NULL")
                .param("ids", List.copyOf(ids)).update();
    }

    // --- storage --------------------------------------------------------------------------------

    /** A stored person: dates in clear, the three sealed parts (contacts and other information null on a row from before V6). */
    private record Row(UUID id, SubjectStatus status, LocalDate lastContactOn, @Nullable LocalDate contractEndedOn, byte[] identity,
            byte @Nullable [] contacts, byte @Nullable [] otherInformation) {

        /** Written before the three parts: everything in the identity part. */
        boolean legacy() {
            return contacts == null;
        }
    }

    /**
     * A person's identity, opened, without a decision: what {@link #read} does once the decision
     * point allowed it (the row by id, the vault's open, the JSON). For the {@code subjects}
     * benchmark only, which measures the lookup and the decryption apart from the decision and
     * the audit log.
     */
    Optional<Identity> openIdentity(UUID id) {
        return row(id).map(this::identityOf);
    }

    private Optional<Row> row(UUID id) {
        return jdbc.sql("""
                SELECT id, status, last_contact_on, contract_ended_on, identity, contacts, other_information
                FROM data_subject WHERE id = ?""").param(id).query(JdbcSubjects::row).optional();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), SubjectStatus.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class),
                rs.getObject(4, LocalDate.class), rs.getBytes(5), rs.getBytes(6), rs.getBytes(7));
    }

    private Subject view(Row row, Set<String> categories) {
        return new Subject(row.id(), row.status(), row.lastContactOn(), row.contractEndedOn(), categories,
                categories.contains(IDENTITY) ? identityOf(row) : null, categories.contains(CONTACT) ? contactsOf(row) : null,
                categories.contains(OTHER_INFORMATION) ? otherOf(row) : null);
    }

    private Identity identityOf(Row row) {
        return JSON.readValue(vault.open(row.id(), IDENTITY_FIELD, row.identity()), Identity.class);
    }

    private Contacts contactsOf(Row row) {
        if (row.legacy()) {
            return legacyContacts(legacy(row));
        }
        return JSON.readValue(vault.open(row.id(), CONTACTS_FIELD, row.contacts()), Contacts.class);
    }

    private @Nullable String otherOf(Row row) {
        if (row.legacy()) {
            JsonNode old = legacy(row);
            return old.path("otherInformation").isString() ? old.path("otherInformation").asString() : null;
        }
        return row.otherInformation() == null ? null
                : new String(vault.open(row.id(), OTHER_FIELD, row.otherInformation()), StandardCharsets.UTF_8);
    }

    private JsonNode legacy(Row row) {
        return JSON.readTree(vault.open(row.id(), IDENTITY_FIELD, row.identity()));
    }

    private static final Pattern LEGACY_ADDRESS = Pattern.compile("(.+),\\s*([0-9]{5})\\s+(.+)");

    /** The single e-mail, phone and one-line address of a row written before V6, as contacts. */
    private static Contacts legacyContacts(JsonNode old) {
        List<String> emails = old.path("email").isString() ? List.of(old.path("email").asString()) : List.of();
        List<String> phones = old.path("phone").isString() ? List.of(old.path("phone").asString()) : List.of();
        List<PostalAddress> addresses = new ArrayList<>();
        if (old.path("postalAddress").isString()) {
            String text = old.path("postalAddress").asString();
            Matcher m = LEGACY_ADDRESS.matcher(text);
            addresses.add(m.matches() ? new PostalAddress(List.of(m.group(1).strip()), m.group(2), m.group(3).strip(), "FR")
                    : new PostalAddress(List.of(text), null, null, "FR"));
        }
        return new Contacts(addresses, emails, phones);
    }

    /** Rewrites a row from before V6 in three parts, with its blind indexes, before it is changed. */
    private void upgradeLegacy(Row row) {
        JsonNode old = legacy(row);
        Identity identity = identityOf(row);
        Contacts contacts = legacyContacts(old);
        String other = old.path("otherInformation").isString() ? old.path("otherInformation").asString() : null;
        jdbc.sql("UPDATE data_subject SET identity = ?, contacts = ?, other_information = ? WHERE id = ?")
                .params(sealJson(row.id(), IDENTITY_FIELD, identity), sealJson(row.id(), CONTACTS_FIELD, contacts),
                        sealText(row.id(), other), row.id())
                .update();
        index(row.id(), identity, contacts);
    }

    private byte[] sealJson(UUID id, String field, Object value) {
        return vault.seal(id, field, JSON.writeValueAsBytes(value));
    }

    private byte @Nullable [] sealText(UUID id, @Nullable String text) {
        return text == null ? null : vault.seal(id, OTHER_FIELD, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the blind indexes of what changed: the last name, or every e-mail and phone. */
    private void index(UUID id, @Nullable Identity identity, @Nullable Contacts contacts) {
        Set<Map.Entry<String, String>> digests = new LinkedHashSet<>();
        if (identity != null) {
            jdbc.sql("DELETE FROM subject_lookup WHERE subject_id = ? AND kind = 'name'").param(id).update();
            String name = PersonalDataRules.nameKey(identity.lastName());
            if (!name.isEmpty()) {
                digests.add(Map.entry("name", vault.blindIndex("name", name)));
            }
        }
        if (contacts != null) {
            jdbc.sql("DELETE FROM subject_lookup WHERE subject_id = ? AND kind IN ('email', 'phone')").param(id).update();
            for (String email : contacts.emails()) {
                String normalised = PersonalDataRules.normalisedEmail(email);
                if (normalised != null) {
                    digests.add(Map.entry("email", vault.blindIndex("email", normalised)));
                }
            }
            for (String phone : contacts.phones()) {
                digests.add(Map.entry("phone", vault.blindIndex("phone", phone)));
            }
        }
        for (Map.Entry<String, String> digest : digests) {
            jdbc.sql("INSERT INTO subject_lookup (subject_id, kind, digest) VALUES (?, ?, ?)")
                    .params(id, digest.getKey(), digest.getValue()).update();
        }
    }
}
