package org.charte.subjects.internal;

import static org.charte.subjects.Subjects.CONTACT;
import static org.charte.subjects.Subjects.IDENTITY;
import static org.charte.subjects.Subjects.OTHER_INFORMATION;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.common.GatheredReads;
import org.charte.policy.CurrentPolicy;
import org.charte.subjects.Contacts;
import org.charte.subjects.ContactsRecorded;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.Subject;
import org.charte.subjects.SubjectStatus;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * People as stored: each of the three parts sealed by the vault under the person's own key, and
 * the blind indexes of every e-mail, phone and last name kept with them, so that nothing personal
 * lies in clear in {@code data_subject} or {@code subject_lookup}. No decision here: the service
 * decides before it asks.
 */
@Component
class SubjectStore {

    /** The vault's field names of the three sealed parts. */
    static final String IDENTITY_FIELD = "identity";
    static final String CONTACTS_FIELD = "contacts";
    static final String OTHER_FIELD = "other-information";

    private static final JsonMapper JSON = StoredJson.mapper();
    /** Readers made once: the type of each looked up once, not per read (a profile of the person read: ~2 % of its CPU). */
    private static final ObjectReader IDENTITY_READER = JSON.readerFor(Identity.class);
    private static final ObjectReader CONTACTS_READER = JSON.readerFor(Contacts.class);
    private static final Pattern LEGACY_ADDRESS = Pattern.compile("(.+),\\s*([0-9]{5})\\s+(.+)");

    private final JdbcSubjects rows;
    private final Vault vault;
    private final CurrentPolicy current;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ObjectProvider<ContactsRecorded> contactsRecorded;

    private final GatheredReads<UUID, JdbcSubjects.Keyed> keyedReads;

    SubjectStore(JdbcSubjects rows, Vault vault, CurrentPolicy current, Clock clock, PlatformTransactionManager transactions,
            ObjectProvider<ContactsRecorded> contactsRecorded, @Value("${charte.subjects.read-gather:0ms}") Duration gather) {
        this.rows = rows;
        // the batch on a connection of its own, in auto-commit: never through a transaction of whoever leads it
        TransactionTemplate outside = new TransactionTemplate(transactions);
        outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.keyedReads = new GatheredReads<>("charte.subjects.read-gather", gather, MAX_READ_BATCH,
                ids -> outside.execute(status -> rows.rowsWithKey(ids, vault)));
        this.contactsRecorded = contactsRecorded;
        this.vault = vault;
        this.current = current;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    Optional<JdbcSubjects.Row> row(UUID id) {
        return rows.row(id);
    }

    /** Most people read by one statement of {@link #rowWithKey}. */
    static final int MAX_READ_BATCH = 256;

    /**
     * A person's row with their key, in one statement: for a read that opens their data once decided.
     * Outside a transaction (a staff read, an API read), the reads of concurrent requests are made by
     * one statement ({@link GatheredReads}: each begins after its request asked, nothing is kept), one
     * round trip to the database for them all instead of one each; within a transaction, by its own
     * connection, which sees what the transaction wrote.
     */
    Optional<JdbcSubjects.Keyed> rowWithKey(UUID id) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return rows.rowWithKey(id, vault);
        }
        return Optional.ofNullable(keyedReads.read(id));
    }

    /** Statements and reads of {@link #rowWithKey} gathered so far (tests and diagnostics). */
    long gatheredStatements() {
        return keyedReads.batches();
    }

    long gatheredReads() {
        return keyedReads.reads();
    }

    /** A new person under the policy version in force: their key, their sealed parts and their indexes, in one transaction. */
    void insert(UUID id, SubjectStatus status, PersonalData data, LocalDate lastContact) {
        transaction.executeWithoutResult(tx -> {
            vault.createKey(id);
            rows.insert(id, status, clock.instant().atOffset(ZoneOffset.UTC), lastContact, current.version().id(),
                    sealJson(id, IDENTITY_FIELD, data.identity()), sealJson(id, CONTACTS_FIELD, data.contacts()),
                    sealText(id, data.otherInformation()));
            index(id, data.identity(), data.contacts());
            if (!data.contacts().isEmpty()) {
                contactsRecorded.orderedStream().forEach(listener -> listener.recorded(id, data.contacts()));
            }
        });
    }

    /**
     * Replaces the parts given (a null part stays; {@code otherChanged} with a null text clears it),
     * with their indexes, in one transaction; a row from before V6 is first rewritten in three parts.
     */
    void write(JdbcSubjects.Row row, @Nullable Identity identity, @Nullable Contacts contacts, boolean otherChanged, @Nullable String other) {
        UUID id = row.id();
        transaction.executeWithoutResult(status -> {
            if (row.legacy()) {
                upgradeLegacy(row);
            }
            if (identity != null) {
                rows.updateIdentity(id, sealJson(id, IDENTITY_FIELD, identity));
                index(id, identity, null);
            }
            if (contacts != null) {
                rows.updateContacts(id, sealJson(id, CONTACTS_FIELD, contacts));
                index(id, null, contacts);
                contactsRecorded.orderedStream().forEach(listener -> listener.recorded(id, contacts));
            }
            if (otherChanged) {
                rows.updateOtherInformation(id, sealText(id, other));
            }
            rows.updatedAt(id, clock.instant().atOffset(ZoneOffset.UTC));
        });
    }

    /** The people whose {@code kind} ({@code email}, {@code phone}, {@code name}) has this normalised value, by blind index, in id order. */
    List<UUID> find(String kind, String value) {
        return rows.lookup(kind, vault.blindIndex(kind, value));
    }

    /** The parts of a person in these categories, opened with the person's data key read once. */
    Subject view(JdbcSubjects.Row row, Set<String> categories) {
        return view(row, vault.keyOnDemand(row.id()), categories);
    }

    /** {@link #view} with the key read with the row ({@link #rowWithKey}). */
    Subject view(JdbcSubjects.Row row, Vault.SubjectKey key, Set<String> categories) {
        return new Subject(row.id(), row.status(), row.lastContactOn(), row.contractEndedOn(), categories,
                categories.contains(IDENTITY) ? identityOf(row, key) : null, categories.contains(CONTACT) ? contactsOf(row, key) : null,
                categories.contains(OTHER_INFORMATION) ? otherOf(row, key) : null);
    }

    /**
     * A person's identity, opened, without a decision: what a read does once the decision point
     * allowed it (the row by id, the vault's open, the JSON). For the {@code subjects} benchmark
     * only, which measures the lookup and the decryption apart from the decision and the audit log.
     */
    Optional<Identity> openIdentity(UUID id) {
        return rows.row(id).map(this::identityOf);
    }

    Identity identityOf(JdbcSubjects.Row row) {
        return identityOf(row, vault.keyOnDemand(row.id()));
    }

    Contacts contactsOf(JdbcSubjects.Row row) {
        return contactsOf(row, vault.keyOnDemand(row.id()));
    }

    @Nullable String otherOf(JdbcSubjects.Row row) {
        return otherOf(row, vault.keyOnDemand(row.id()));
    }

    private Identity identityOf(JdbcSubjects.Row row, Vault.SubjectKey key) {
        return IDENTITY_READER.readValue(key.open(IDENTITY_FIELD, row.identity()));
    }

    private Contacts contactsOf(JdbcSubjects.Row row, Vault.SubjectKey key) {
        if (row.legacy()) {
            return legacyContacts(legacy(row, key));
        }
        return CONTACTS_READER.readValue(key.open(CONTACTS_FIELD, row.contacts()));
    }

    private @Nullable String otherOf(JdbcSubjects.Row row, Vault.SubjectKey key) {
        if (row.legacy()) {
            JsonNode old = legacy(row, key);
            return old.path("otherInformation").isString() ? old.path("otherInformation").asString() : null;
        }
        return row.otherInformation() == null ? null : new String(key.open(OTHER_FIELD, row.otherInformation()), StandardCharsets.UTF_8);
    }

    private JsonNode legacy(JdbcSubjects.Row row, Vault.SubjectKey key) {
        return JSON.readTree(key.open(IDENTITY_FIELD, row.identity()));
    }


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
    private void upgradeLegacy(JdbcSubjects.Row row) {
        JsonNode old = legacy(row, vault.keyOnDemand(row.id()));
        Identity identity = identityOf(row);
        Contacts contacts = legacyContacts(old);
        String other = old.path("otherInformation").isString() ? old.path("otherInformation").asString() : null;
        rows.updateParts(row.id(), sealJson(row.id(), IDENTITY_FIELD, identity), sealJson(row.id(), CONTACTS_FIELD, contacts),
                sealText(row.id(), other));
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
            rows.deleteLookups(id, List.of("name"));
            String name = PersonalDataRules.nameKey(identity.lastName());
            if (!name.isEmpty()) {
                digests.add(Map.entry("name", vault.blindIndex("name", name)));
            }
        }
        if (contacts != null) {
            rows.deleteLookups(id, List.of("email", "phone"));
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
            rows.insertLookup(id, digest.getKey(), digest.getValue());
        }
    }
}
