package org.charte.subjects.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Purpose;
import org.charte.access.ResourceRef;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.policy.Policy;
import org.charte.subjects.Contacts;
import org.charte.subjects.ContactsRecorded;
import org.charte.subjects.Identity;
import org.charte.subjects.Lifecycle;
import org.charte.subjects.PersonalData;
import org.charte.subjects.Subject;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.subjects.UnknownSubjectException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The people, as the module's {@link Subjects}: every access by a person or an integration is
 * checked by the rules of entry ({@link SubjectEntry}), decided by the decision point before any
 * data is touched, and only then read or written sealed ({@link SubjectStore}); a search is
 * recorded in the audit log. The system's own paths (lifecycle, counts, the adults-only check) go
 * to the rows ({@link JdbcSubjects}) without a decision.
 */
@Service
class SubjectService implements Subjects {

    static final int SEARCH_LIMIT = 50;
    static final Set<String> PERSONAL = Set.of(IDENTITY, CONTACT, OTHER_INFORMATION);

    private final SubjectStore store;
    private final JdbcSubjects rows;
    private final SubjectEntry entry;
    private final AccessDecisions decisions;
    private final AuditLog audit;
    private final Policy policy;
    private final Ids ids;

    SubjectService(SubjectStore store, JdbcSubjects rows, SubjectEntry entry, AccessDecisions decisions, AuditLog audit, Policy policy,
            Ids ids) {
        this.store = store;
        this.rows = rows;
        this.entry = entry;
        this.decisions = decisions;
        this.audit = audit;
        this.policy = policy;
        this.ids = ids;
    }

    // --- people and integrations: decided and audited -----------------------------------------

    @Override
    public Created create(Actor actor, @Nullable String purpose, NewSubject subject) {
        String chosen = purpose == null || purpose.isBlank() ? defaultPurpose(subject.status()) : Purpose.of(purpose).code();
        LocalDate lastContact = entry.lastContact(subject.lastContactOn());
        if (subject.status() == null) {
            throw new InvalidInputException("status", "must be prospect, client-active or client-inactive");
        }
        SubjectEntry.Checked checked = entry.newPerson(subject.data(), lastContact, actor.typedId());
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
        Purpose.of(purpose); // its shape (R4.5): missing or malformed, 400 naming purpose; the decision point asks the policy
        if (categories.isEmpty() || !PERSONAL.containsAll(categories)) {
            throw new InvalidInputException("categories", "must be some of identity, contact, other-information");
        }
        JdbcSubjects.Keyed keyed = store.rowWithKey(id).orElseThrow(UnknownSubjectException::new);
        decisions.require(new AccessRequest(actor, purpose, Action.READ, categories, ResourceRef.subject(id)));
        return store.view(keyed.row(), keyed.key(), categories); // the key unwrapped only now, once allowed
    }

    @Override
    public Contacts contactsToHonourObjection(Actor actor, String purpose, UUID id) {
        Purpose.of(purpose);
        // the row and the key in one statement, as a read does; the key unwrapped only once allowed
        JdbcSubjects.Keyed keyed = store.rowWithKey(id).orElseThrow(UnknownSubjectException::new);
        decisions.require(new AccessRequest(actor, purpose, Action.OBJECT, Set.of(CONTACT), ResourceRef.subject(id)));
        Contacts contacts = store.view(keyed.row(), keyed.key(), Set.of(CONTACT)).contacts();
        return contacts == null ? Contacts.none() : contacts;
    }

    @Override
    public Contacts contactsForSending(UUID id) {
        Contacts contacts = store.row(id).map(row -> store.view(row, Set.of(CONTACT)).contacts()).orElse(null);
        return contacts == null ? Contacts.none() : contacts;
    }

    @Override
    public void validate(Change change) {
        entry.validate(change);
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
        Purpose.of(purpose);
        JdbcSubjects.Row row = store.row(id).orElseThrow(UnknownSubjectException::new);
        if (change.identity() == null && change.contacts() == null && change.otherInformation() == null) {
            throw new InvalidInputException("identity", "nothing to change: give identity, contacts or otherInformation");
        }
        SubjectEntry.CheckedChange checked = entry.change(change, actor.typedId(), id);
        Set<String> categories = new TreeSet<>();
        if (checked.identity() != null) {
            categories.add(IDENTITY);
        }
        if (checked.contacts() != null) {
            categories.add(CONTACT);
        }
        if (checked.otherGiven()) {
            categories.add(OTHER_INFORMATION);
        }
        decisions.require(new AccessRequest(actor, purpose, Action.WRITE, categories, ResourceRef.subject(id)));
        Identity identityBefore = compare && checked.identity() != null ? store.identityOf(row) : null;
        Contacts contactsBefore = compare && checked.contacts() != null ? store.contactsOf(row) : null;
        String otherBefore = compare && checked.otherGiven() ? store.otherOf(row) : null;
        store.write(row, checked.identity(), checked.contacts(), checked.otherGiven(), checked.other());
        entry.recordRedacted(checked.freeText(), actor.typedId(), id);
        return new Written(new Subject(id, row.status(), row.lastContactOn(), row.contractEndedOn(), categories, checked.identity(),
                checked.contacts(), categories.contains(OTHER_INFORMATION) ? checked.other() : null), identityBefore, contactsBefore,
                otherBefore);
    }

    @Override
    public List<Found> search(Actor actor, String purpose, Criteria criteria) {
        Purpose.of(purpose);
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        if (criteria.email() != null && !criteria.email().isBlank()) {
            String email = PersonalDataRules.normalisedEmail(criteria.email());
            if (email == null) {
                errors.add(new InvalidInputException.FieldError("email", "is not a valid e-mail address"));
            } else {
                values.put("email", email);
            }
        }
        if (criteria.phone() != null && !criteria.phone().isBlank()) {
            String phone = entry.e164(criteria.phone());
            if (phone == null) {
                errors.add(new InvalidInputException.FieldError("phone", "is not a valid phone number"));
            } else {
                values.put("phone", phone);
            }
        }
        if (criteria.name() != null && !criteria.name().isBlank()) {
            String name = PersonalDataRules.nameKey(criteria.name());
            if (name.isEmpty()) {
                errors.add(new InvalidInputException.FieldError("name", "must hold letters"));
            } else {
                values.put("name", name);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (values.isEmpty()) {
            throw new InvalidInputException("email", "give an e-mail, a phone or a name to search for");
        }
        Set<UUID> matches = null;
        for (var criterion : values.entrySet()) {
            Set<UUID> found = new LinkedHashSet<>(store.find(criterion.getKey(), criterion.getValue()));
            if (matches == null) {
                matches = found;
            } else {
                matches.retainAll(found);
            }
        }
        List<UUID> hits = matches.stream().limit(SEARCH_LIMIT).toList();
        boolean knownPurpose = policy.purpose(purpose).isPresent();
        Set<String> searched = new TreeSet<>();
        values.keySet().forEach(kind -> searched.add(kind.equals("name") ? IDENTITY : CONTACT));
        audit.append(new AuditEvent(actor.typedId(), "search", knownPurpose ? purpose : null, "subject", null, null,
                List.copyOf(searched), AuditOutcome.ALLOWED,
                (knownPurpose ? "" : "unknown purpose; ") + "by " + String.join(" and ", values.keySet()) + ": " + hits.size() + " match(es)"));
        Set<String> categories = defaultCategories(purpose);
        List<Found> results = new ArrayList<>();
        for (UUID id : hits) {
            JdbcSubjects.Row row = store.row(id).orElse(null);
            if (row == null) {
                continue;
            }
            boolean allowed = !categories.isEmpty() && knownPurpose
                    && decisions.decide(new AccessRequest(actor, purpose, Action.READ, categories, ResourceRef.subject(id))).allowed();
            results.add(new Found(id, row.status(), row.lastContactOn(), allowed ? store.view(row, categories) : null));
        }
        return results;
    }

    // --- the system's own paths -----------------------------------------------------------------

    @Override
    public UUID register(SubjectStatus status, PersonalData data, LocalDate lastContact) {
        SubjectEntry.Checked checked = entry.newPerson(data, lastContact, SubjectEntry.SYSTEM);
        return insert(ids.next(), status, checked, lastContact, SubjectEntry.SYSTEM).id();
    }

    private Created insert(UUID id, SubjectStatus status, SubjectEntry.Checked checked, LocalDate lastContact, String actor) {
        store.insert(id, status, checked.data(), lastContact);
        entry.recordRedacted(checked.freeText(), actor, id);
        return new Created(id, status, lastContact, checked.freeText().categories());
    }

    @Override
    public Optional<UUID> findByEmail(String email) {
        String normalised = PersonalDataRules.normalisedEmail(email);
        return normalised == null ? Optional.empty() : store.find("email", normalised).stream().findFirst();
    }

    @Override
    public List<UUID> findByPhone(String phone) {
        String e164 = phone == null ? null : entry.e164(phone);
        return e164 == null ? List.of() : store.find("phone", e164);
    }

    @Override
    public void replayContacts(Collection<UUID> ids, ContactsRecorded listener) {
        for (UUID id : ids) {
            store.row(id).ifPresent(row -> listener.recorded(id, store.contactsOf(row)));
        }
    }

    @Override
    public Optional<SubjectStatus> status(UUID id) {
        return lifecycle(id).map(Lifecycle::status);
    }

    @Override
    public Optional<Lifecycle> lifecycle(UUID id) {
        return rows.lifecycle(id);
    }

    @Override
    public void recordContact(UUID id, LocalDate on) {
        existing(id);
        rows.recordContact(id, on);
    }

    @Override
    public void becameClient(UUID id, LocalDate on) {
        existing(id);
        rows.becameClient(id, on);
    }

    @Override
    public void contractsEnded(UUID id, LocalDate on) {
        Lifecycle lifecycle = existing(id);
        if (lifecycle.status() == SubjectStatus.PROSPECT) {
            throw new InvalidInputException("subjectId", "a prospect has no contract to end");
        }
        LocalDate ended = lifecycle.contractEndedOn() != null && lifecycle.contractEndedOn().isAfter(on) ? lifecycle.contractEndedOn() : on;
        rows.contractsEnded(id, ended);
    }

    @Override
    public boolean isAdultOn(UUID id, LocalDate day) {
        JdbcSubjects.Row row = store.row(id).orElseThrow(() -> new InvalidInputException("subjectId", "no such person"));
        return Adulthood.FRANCE.isAdultOn(store.identityOf(row).birthDate(), day);
    }

    private Lifecycle existing(UUID id) {
        return lifecycle(id).orElseThrow(() -> new InvalidInputException("subjectId", "no such person"));
    }

    @Override
    public Map<SubjectStatus, Long> countByStatus() {
        return rows.countByStatus();
    }

    @Override
    public List<UUID> withStatus(SubjectStatus status, @Nullable UUID after, int limit) {
        return rows.withStatus(status, after, limit);
    }
}
