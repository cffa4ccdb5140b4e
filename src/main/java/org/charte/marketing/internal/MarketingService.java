package org.charte.marketing.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Objections;
import org.charte.access.Purpose;
import org.charte.access.ResourceRef;
import org.charte.common.GroupCommit;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput;
import org.charte.marketing.Basis;
import org.charte.marketing.BasisKind;
import org.charte.marketing.CallHoursConsent;
import org.charte.marketing.Capacity;
import org.charte.marketing.CapacityChange;
import org.charte.marketing.Choices;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.Means;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.subjects.Contacts;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.subjects.UnknownSubjectException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's marketing choices, as {@link MarketingChoices}: checks the input, asks the decision
 * point (which writes the audit entry), then appends to the history ({@link BasisHistory}) and keeps
 * the suppression list ({@link SuppressionList}) in the same transaction.
 */
@Service
class MarketingService implements MarketingChoices, DisposableBean {

    static final Set<String> CONTACT = Set.of(Subjects.CONTACT);
    /**
     * The group commit of objections: the most in one transaction, and how many writers take turns. One: the clicks
     * that come while a batch commits make the next batch, about twice as big as with two writers taking turns, and a
     * click costs less (its CPU 1.58 times health's against 1.98 in alternating runs; bench/RESULTS.md, unsubscribe,
     * 2026-12-04 23:08).
     */
    static final int BATCH = 500;
    static final int WRITERS = 1;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_CODE - 1) + "}");

    private final BasisHistory history;
    private final SuppressionList suppressions;
    private final AccessDecisions decisions;
    private final Subjects subjects;
    private final Objections objections;
    private final ObjectionConfirmations confirmations;
    private final Policy policy;
    /**
     * Writes objections decided outside any transaction (the one-click unsubscribe, L5, RFC 8058) with group commit: many
     * clicks share one transaction and one commit, each answered once it is committed; one bad objection (a person
     * erased meanwhile) fails only its own request.
     */
    private final GroupCommit<PendingObjection, List<Basis>> writer;

    MarketingService(BasisHistory history, SuppressionList suppressions, AccessDecisions decisions, Subjects subjects, Objections objections,
            ObjectionConfirmations confirmations, Policy policy, PlatformTransactionManager transactions) {
        this.policy = policy;
        this.history = history;
        this.suppressions = suppressions;
        this.decisions = decisions;
        this.subjects = subjects;
        this.objections = objections;
        this.confirmations = confirmations;
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        this.writer = new GroupCommit<>("objection", WRITERS, BATCH, batch -> transaction.execute(status -> recordObjections(batch)));
    }

    /** Lets the objections queued be written, then stops their writers (on shutdown). */
    @Override
    public void destroy() {
        writer.close();
    }

    @Override
    public Set<String> purposes() {
        return new TreeSet<>(objections.directMarketingPurposes());
    }

    @Override
    @Transactional
    public Choices choices(Actor actor, String accessPurpose, UUID subjectId) {
        known(subjectId);
        decisions.requireNamedPurpose(actor, accessPurpose, Action.READ, CONTACT, ResourceRef.subject(subjectId));
        List<Basis> all = history.history(subjectId);
        Set<UUID> current = Set.copyOf(history.currentIds(subjectId));
        List<CapacityChange> capacities = history.capacities(subjectId);
        Capacity capacity = capacities.isEmpty() ? Capacity.CONSUMER : capacities.getLast().capacity();
        return new Choices(subjectId, capacity, capacities, all.stream().filter(b -> current.contains(b.id())).toList(), all,
                history.callHours(subjectId));
    }

    @Override
    @Transactional
    public Basis consent(Actor actor, String accessPurpose, UUID subjectId, NewConsent consent) {
        List<FieldError> errors = new ArrayList<>();
        if (consent == null) {
            throw new InvalidInputException("body", "is required");
        }
        check(errors, consent.channel(), consent.purpose(), consent.means());
        wording(errors, consent.wording());
        details(errors, consent.details());
        InvalidInputException.throwIfAny(errors);
        known(subjectId);
        decisions.requireNamedPurpose(actor, accessPurpose, Action.WRITE, CONTACT, ResourceRef.subject(subjectId));
        history.lockCurrent(subjectId);
        // A consent given again lifts the person's own addresses from the suppression list for it.
        Contacts contacts = contacts(actor, accessPurpose, subjectId);
        suppressions.lift(suppressions.hashes(consent.channel(), contacts), consent.channel(), consent.purpose());
        return history.append(new BasisHistory.NewEntry(subjectId, consent.channel(), consent.purpose(), BasisKind.CONSENT, consent.means(),
                consent.wording().strip(), null, blankToNull(consent.details()), actor.typedId()));
    }

    @Override
    @Transactional
    public Basis withdraw(Actor actor, String accessPurpose, UUID subjectId, MarketingChannel channel, String purpose, Means means) {
        List<FieldError> errors = new ArrayList<>();
        check(errors, channel, purpose, means);
        InvalidInputException.throwIfAny(errors);
        known(subjectId);
        // A withdrawal only stops processing: recordable at any time, a restriction included (L5, R9.9).
        decisions.requireNamedPurpose(actor, accessPurpose, Action.OBJECT, CONTACT, ResourceRef.subject(subjectId));
        BasisKind current = history.lockCurrent(subjectId).get(JdbcMarketing.key(channel, purpose));
        if (current != BasisKind.CONSENT) {
            throw new InvalidInputException("channel", "no consent is in force on this channel for this purpose");
        }
        return history.append(new BasisHistory.NewEntry(subjectId, channel, purpose, BasisKind.CONSENT_WITHDRAWN, means, null, null, null,
                actor.typedId()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The decision, its audit entry (and the wait for its flush) and the read of the contacts come first; then the
     * writes. Called inside a caller's transaction, they are part of it. Called outside any (a one-click unsubscribe),
     * they are queued to the group commit ({@link GroupCommit}), which writes the objections of that moment together in one
     * transaction and answers each once it is committed (group commit): durable before the answer, as before, and
     * the request holds no connection while it waits.
     */
    @Override
    public List<Basis> object(Actor actor, String accessPurpose, UUID subjectId, NewObjection objection, boolean confirm) {
        if (objection == null) {
            throw new InvalidInputException("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (objection.purpose() != null && !purposes().contains(objection.purpose())) {
            errors.add(new FieldError("marketingPurpose", "must be one of " + String.join(", ", purposes())));
        }
        if (objection.means() == null) {
            errors.add(new FieldError("means", "is required"));
        }
        reference(errors, objection.reference());
        InvalidInputException.throwIfAny(errors);
        if (subjectId == null) {
            throw new InvalidInputException("subjectId", "is required");
        }
        if (policy.purpose(Purpose.of(accessPurpose).code()).isEmpty()) {
            // a purpose the policy does not have: recorded as refused, and a 400, as for every other choice
            decisions.requireNamedPurpose(actor, accessPurpose, Action.OBJECT, CONTACT, ResourceRef.subject(subjectId));
        }
        // An objection only stops processing: recordable at any time, a restriction included (Art. 21, L5, R9.9).
        // One decision, one audit entry: the objection and the read of the addresses it puts on the suppression
        // list are the same request (this actor objects, contact data, this person), decided and audited by the
        // read (an unknown person is refused before anything is decided).
        Contacts contacts = subjects.contactsToHonourObjection(actor, accessPurpose.strip(), subjectId);
        Set<MarketingChannel> channels = objection.channels().isEmpty() ? EnumSet.allOf(MarketingChannel.class) : EnumSet.copyOf(objection.channels());
        Set<String> purposes = objection.purpose() == null ? purposes() : Set.of(objection.purpose());
        PendingObjection pending = new PendingObjection(actor, subjectId, objection, confirm, contacts, channels, purposes);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return recordObjections(List.of(pending)).getFirst();
        }
        // outside a transaction (a one-click unsubscribe): written with others in one transaction, answered once committed
        return writer.write(pending);
    }

    /** An objection decided and audited, its addresses read, waiting to be written. */
    record PendingObjection(Actor actor, UUID subjectId, NewObjection objection, boolean confirm, Contacts contacts,
            Set<MarketingChannel> channels, Set<String> purposes) {}

    /**
     * Writes these objections in the caller's transaction, in a few statements whatever their number: the people's current
     * bases locked (in the order of their ids), the suppression entries of their addresses, a history entry for each
     * channel and purpose not already objected (an objection made again records nothing new: idempotent), the
     * confirmations asked for. Answers, for each objection, the entries it recorded.
     */
    List<List<Basis>> recordObjections(List<PendingObjection> objections) {
        // moved as entries are planned: the same person twice among them, the second sees the first's objection
        Map<UUID, Map<String, BasisKind>> current = history.lockCurrent(objections.stream().map(PendingObjection::subjectId).toList());
        LocalDate today = history.today();
        List<JdbcSuppressions.Entry> suppressed = new ArrayList<>();
        List<BasisHistory.Next> entries = new ArrayList<>();
        int[] counts = new int[objections.size()];
        for (int i = 0; i < objections.size(); i++) {
            PendingObjection p = objections.get(i);
            Map<String, BasisKind> kinds = current.get(p.subjectId());
            for (MarketingChannel channel : p.channels()) {
                Set<String> hashes = suppressions.hashes(channel, p.contacts());
                for (String purpose : new TreeSet<>(p.purposes())) {
                    suppressed.addAll(suppressions.entries(hashes, channel, purpose, today));
                    String key = JdbcMarketing.key(channel, purpose);
                    boolean exists = kinds.containsKey(key);
                    if (kinds.put(key, BasisKind.OBJECTION) != BasisKind.OBJECTION) {
                        entries.add(new BasisHistory.Next(new BasisHistory.NewEntry(p.subjectId(), channel, purpose, BasisKind.OBJECTION,
                                p.objection().means(), null, blankToNull(p.objection().reference()), null, p.actor().typedId()), exists));
                        counts[i]++;
                    }
                }
            }
        }
        suppressions.suppressAll(suppressed);
        List<Basis> appended = history.appendAll(entries);
        List<List<Basis>> recorded = new ArrayList<>(objections.size());
        int from = 0;
        for (int i = 0; i < objections.size(); i++) {
            List<Basis> own = appended.subList(from, from + counts[i]);
            from += counts[i];
            recorded.add(own);
            PendingObjection p = objections.get(i);
            if (p.confirm() && !own.isEmpty() && !p.contacts().emails().isEmpty()) {
                confirmations.confirm(p.subjectId(), p.contacts().emails().getFirst(), p.channels(), p.purposes(), today);
            }
        }
        return recorded;
    }

    @Override
    @Transactional
    public Basis record(Actor actor, String accessPurpose, UUID subjectId, NewBasis basis) {
        if (basis == null) {
            throw new InvalidInputException("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        check(errors, basis.channel(), basis.purpose(), basis.means());
        if (basis.kind() != BasisKind.ANALOGOUS_OFFERS && basis.kind() != BasisKind.JOB_RELATED) {
            errors.add(new FieldError("kind", "must be analogous-offers or job-related"));
        }
        wording(errors, basis.wording());
        details(errors, basis.details());
        InvalidInputException.throwIfAny(errors);
        SubjectStatus status = known(subjectId);
        decisions.requireNamedPurpose(actor, accessPurpose, Action.WRITE, CONTACT, ResourceRef.subject(subjectId));
        BasisKind current = history.lockCurrent(subjectId).get(JdbcMarketing.key(basis.channel(), basis.purpose()));
        if (current != null && current.stops()) {
            throw new InvalidInputException("kind", "the person objected or withdrew on this channel for this purpose: only their consent lifts it");
        }
        if (basis.kind() == BasisKind.ANALOGOUS_OFFERS && status == SubjectStatus.PROSPECT) {
            throw new InvalidInputException("kind", "analogous offers are for clients only (L9)");
        }
        if (basis.kind() == BasisKind.JOB_RELATED && capacity(subjectId) != Capacity.PROFESSIONAL) {
            throw new InvalidInputException("kind", "job-related messages are for professionals only (L9): record the capacity first");
        }
        return history.append(new BasisHistory.NewEntry(subjectId, basis.channel(), basis.purpose(), basis.kind(), basis.means(),
                basis.wording().strip(), null, blankToNull(basis.details()), actor.typedId()));
    }

    @Override
    @Transactional
    public CallHoursConsent callHours(Actor actor, String accessPurpose, UUID subjectId, NewCallHours callHours) {
        if (callHours == null) {
            throw new InvalidInputException("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (callHours.means() == null) {
            errors.add(new FieldError("means", "is required"));
        }
        String problem = TextInput.problem(callHours.wording(), MAX_DETAILS, TextInput.Kind.SINGLE_LINE);
        if (problem != null) {
            errors.add(new FieldError("wording", problem));
        } else if (callHours.consented() && (callHours.wording() == null || callHours.wording().isBlank())) {
            errors.add(new FieldError("wording", "is required: the words the person agreed to, as shown or read to them"));
        }
        InvalidInputException.throwIfAny(errors);
        known(subjectId);
        // A withdrawal only stops calls at other times: recordable at any time, a restriction included (L5, R9.9).
        decisions.requireNamedPurpose(actor, accessPurpose, callHours.consented() ? Action.WRITE : Action.OBJECT, CONTACT,
                ResourceRef.subject(subjectId));
        history.lockCurrent(subjectId);
        if (!callHours.consented() && !history.otherTimesConsented(subjectId)) {
            throw new InvalidInputException("consented", "no consent to be called at other times is in force");
        }
        return history.appendCallHours(subjectId, callHours.consented(), callHours.means(), blankToNull(callHours.wording()), actor.typedId());
    }

    @Override
    @Transactional
    public CapacityChange recordCapacity(Actor actor, String accessPurpose, UUID subjectId, Capacity capacity) {
        if (capacity == null) {
            throw new InvalidInputException("capacity", "must be consumer or professional");
        }
        known(subjectId);
        decisions.requireNamedPurpose(actor, accessPurpose, Action.WRITE, CONTACT, ResourceRef.subject(subjectId));
        return history.capacity(subjectId, capacity, actor.typedId());
    }

    private Capacity capacity(UUID subjectId) {
        List<CapacityChange> changes = history.capacities(subjectId);
        return changes.isEmpty() ? Capacity.CONSUMER : changes.getLast().capacity();
    }

    private SubjectStatus known(@Nullable UUID subjectId) {
        if (subjectId == null) {
            throw new InvalidInputException("subjectId", "is required");
        }
        return subjects.status(subjectId).orElseThrow(UnknownSubjectException::new);
    }

    /** The person's contacts, read for the same actor and purpose (decided and audited as a read). */
    private Contacts contacts(Actor actor, String accessPurpose, UUID subjectId) {
        Contacts contacts = subjects.read(actor, accessPurpose.strip(), CONTACT, subjectId).contacts();
        return contacts == null ? Contacts.none() : contacts;
    }

    private void check(List<FieldError> errors, @Nullable MarketingChannel channel, @Nullable String purpose, @Nullable Means means) {
        if (channel == null) {
            errors.add(new FieldError("channel", "must be email, sms, phone or post"));
        }
        if (purpose == null || !purposes().contains(purpose)) {
            errors.add(new FieldError("marketingPurpose", "must be one of " + String.join(", ", purposes())));
        }
        if (means == null) {
            errors.add(new FieldError("means", "is required"));
        }
    }

    private static void wording(List<FieldError> errors, @Nullable String wording) {
        if (wording == null || wording.isBlank()) {
            errors.add(new FieldError("wording", "is required: the code and version of the text shown, e.g. newsletter-form-v3"));
        } else if (wording.length() > MAX_CODE || !CODE.matcher(wording.strip()).matches()) {
            errors.add(new FieldError("wording", "must be a code of letters, digits, . _ : -, at most " + MAX_CODE + " characters"));
        }
    }

    private static void reference(List<FieldError> errors, @Nullable String reference) {
        if (reference != null && !reference.isBlank() && (reference.length() > MAX_CODE || !CODE.matcher(reference.strip()).matches())) {
            errors.add(new FieldError("reference", "must be a code of letters, digits, . _ : -, at most " + MAX_CODE + " characters"));
        }
    }

    private static void details(List<FieldError> errors, @Nullable String details) {
        String problem = TextInput.problem(details, MAX_DETAILS, TextInput.Kind.SINGLE_LINE);
        if (problem != null) {
            errors.add(new FieldError("details", problem));
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
