package org.charte.registers.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.KnownSubjects;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.commerce.Invoices;
import org.charte.commerce.Orders;
import org.charte.commerce.Subscriptions;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput;
import org.charte.common.UnknownIdException;
import org.charte.common.Zones;
import org.charte.mail.DoorOut;
import org.charte.mail.ExitChannel;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.policy.Policy;
import org.charte.registers.DisclosureAnswerLink;
import org.charte.registers.DisclosureFourEyes;
import org.charte.subjects.Subject;
import org.charte.subjects.Subjects;
import org.charte.subjects.UnknownSubjectException;
import org.charte.vault.ShreddedException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Disclosures to authorities (R6.6): a request is recorded (authority, legal basis, reference,
 * deadline, people, data categories), approved by another DPO ({@link DisclosureFourEyes}), whose
 * approval is the individual grant under which the answer is gathered through the decision point
 * for purpose {@link #PURPOSE}; the answer is downloaded once through an expiring link
 * ({@link DisclosureAnswerLink}), its SHA-256 kept in the register; each person is told by mail
 * unless the request forbids it. Every step is in the audit log.
 */
@Service
class DisclosureService {

    /** The purpose the policy gives disclosures to authorities: its legal basis is a legal obligation, its recipients the authorities. */
    static final String PURPOSE = "legal-obligations";
    static final int MAX_PEOPLE = 100;
    /** Without a deadline, the grant the approval gives lasts this long. */
    static final Duration GRANT_WITHOUT_DEADLINE = Duration.ofDays(30);

    private static final Set<String> PERSON_PARTS = Set.of(Subjects.IDENTITY, Subjects.CONTACT, Subjects.OTHER_INFORMATION);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcDisclosures rows;
    private final Policy policy;
    private final StaffDirectory staff;
    private final Grants grants;
    private final KnownSubjects known;
    private final Subjects subjects;
    private final Subscriptions subscriptions;
    private final Orders orders;
    private final Invoices invoices;
    private final AuditLog audit;
    private final Outbox outbox;
    private final DoorOut door;
    private final MessageSource messages;
    private final Ids ids;
    private final Clock clock;

    DisclosureService(JdbcDisclosures rows, Policy policy, StaffDirectory staff, Grants grants, KnownSubjects known, Subjects subjects,
            Subscriptions subscriptions, Orders orders, Invoices invoices, AuditLog audit, Outbox outbox, MessageSource messages, Ids ids,
            Clock clock, DoorOut door) {
        this.door = door;
        this.rows = rows;
        this.policy = policy;
        this.staff = staff;
        this.grants = grants;
        this.known = known;
        this.subjects = subjects;
        this.subscriptions = subscriptions;
        this.orders = orders;
        this.invoices = invoices;
        this.audit = audit;
        this.outbox = outbox;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
    }

    record NewDisclosure(@Nullable String authority, @Nullable String legalBasis, @Nullable String legalBasisDetail,
            @Nullable String reference, @Nullable LocalDate receivedOn, @Nullable LocalDate deadline, @Nullable List<UUID> subjectIds,
            @Nullable List<String> categories, boolean doNotInform, @Nullable String doNotInformReason) {}

    /** A step the disclosure's state or the four-eyes rule does not allow: 409, nothing changed. */
    static final class DisclosureStateException extends RuntimeException {

        private final String code;

        /** @param code what the pages put in words: {@code registers.disclosures.refused.<code>} */
        DisclosureStateException(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    static final class UnknownDisclosureException extends UnknownIdException {
        UnknownDisclosureException() {
            super("id", "no such disclosure");
        }
    }

    /** An answer link that is unknown, used or expired: 410, nothing given. */
    static final class LinkGoneException extends RuntimeException {
        LinkGoneException() {
            super("this link is unknown, already used or expired");
        }
    }

    /** The categories a disclosure may ask for: those of {@link #PURPOSE} in the policy. */
    List<String> disclosableCategories() {
        return policy.purpose(PURPOSE).map(Policy.Purpose::categories).orElse(List.of());
    }

    List<Disclosure> all() {
        return rows.all();
    }

    Disclosure find(UUID id) {
        return rows.find(id).orElseThrow(UnknownDisclosureException::new);
    }

    @Transactional
    Disclosure record(UUID recordedBy, NewDisclosure request) {
        List<FieldError> errors = new ArrayList<>();
        required(errors, "authority", request.authority(), JdbcDisclosures.MAX_AUTHORITY);
        required(errors, "reference", request.reference(), JdbcDisclosures.MAX_REFERENCE);
        DisclosureLegalBasis basis = null;
        if (request.legalBasis() == null || request.legalBasis().isBlank()) {
            errors.add(new FieldError("legalBasis", "is required: one of " + DisclosureLegalBasis.codes()));
        } else {
            basis = DisclosureLegalBasis.ofCode(request.legalBasis()).orElse(null);
            if (basis == null) {
                errors.add(new FieldError("legalBasis", "must be one of " + DisclosureLegalBasis.codes()));
            }
        }
        if (basis == DisclosureLegalBasis.OTHER && blank(request.legalBasisDetail())) {
            errors.add(new FieldError("legalBasisDetail", "names the text the request rests on when the legal basis is other"));
        } else if (!blank(request.legalBasisDetail())) {
            TextInput.line(errors, "legalBasisDetail", request.legalBasisDetail(), JdbcDisclosures.MAX_DETAIL);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), Zones.PARIS);
        if (request.receivedOn() == null) {
            errors.add(new FieldError("receivedOn", "is required"));
        } else if (request.receivedOn().isAfter(today) || request.receivedOn().getYear() < 2000) {
            errors.add(new FieldError("receivedOn", "must be a day between 2000 and today"));
        }
        if (request.deadline() != null && (request.deadline().getYear() > 2100
                || request.receivedOn() != null && request.deadline().isBefore(request.receivedOn()))) {
            errors.add(new FieldError("deadline", "must be on or after the day the request was received, before 2100"));
        }
        List<UUID> people = request.subjectIds() == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(request.subjectIds()));
        if (people.isEmpty() || people.size() > MAX_PEOPLE) {
            errors.add(new FieldError("subjectIds", "names between 1 and " + MAX_PEOPLE + " people"));
        } else {
            for (int i = 0; i < people.size(); i++) {
                if (people.get(i) == null || !known.exists(people.get(i))) {
                    errors.add(new FieldError("subjectIds[" + i + "]", "is not a person Charte knows"));
                }
            }
        }
        List<String> categories = request.categories() == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(request.categories()));
        List<String> allowed = disclosableCategories();
        if (categories.isEmpty()) {
            errors.add(new FieldError("categories", "names at least one data category: " + String.join(", ", allowed)));
        }
        for (int i = 0; i < categories.size(); i++) {
            if (!allowed.contains(categories.get(i))) {
                errors.add(new FieldError("categories[" + i + "]", "is not a category disclosed under purpose " + PURPOSE + ": "
                        + String.join(", ", allowed)));
            }
        }
        if (request.doNotInform()) {
            if (blank(request.doNotInformReason())) {
                errors.add(new FieldError("doNotInformReason", "says why the request forbids telling the people concerned"));
            } else {
                TextInput.line(errors, "doNotInformReason", request.doNotInformReason(), JdbcDisclosures.MAX_REASON);
            }
        } else if (!blank(request.doNotInformReason())) {
            errors.add(new FieldError("doNotInformReason", "is given only when the people concerned are not to be told"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        UUID id = ids.next();
        rows.insert(new JdbcDisclosures.NewRow(id, request.authority().strip(), basis,
                blank(request.legalBasisDetail()) ? null : request.legalBasisDetail().strip(), request.reference().strip(), request.receivedOn(),
                request.deadline(), categories, people, request.doNotInform(),
                request.doNotInform() ? request.doNotInformReason().strip() : null, recordedBy, clock.instant()));
        for (UUID person : people) {
            audit.append(AuditEvent.allowed("staff:" + recordedBy, "record-disclosure-request", PURPOSE, "disclosure", id.toString(), person,
                    categories));
        }
        return find(id);
    }

    /**
     * Approves a disclosure: another DPO than the one who recorded it. The approval gives the
     * recorder an individual grant on the people concerned, for {@link #PURPOSE} and the categories
     * asked (and contact, to tell them), until the end of the deadline.
     */
    @Transactional
    Disclosure approve(UUID id, UUID approver) {
        Disclosure disclosure = find(id);
        StaffMember member = staff.find(approver).orElseThrow(() -> new DisclosureStateException("not-dpo", "unknown account"));
        DisclosureFourEyes.refusal(disclosure.recordedBy(), disclosure.approvedBy(), approver, member.role()).ifPresent(reason -> {
            audit.append(AuditEvent.denied("staff:" + approver, "approve-disclosure", PURPOSE, "disclosure", id.toString(), null,
                    disclosure.categories(), reason));
            throw new DisclosureStateException(disclosure.approvedBy() != null ? "already-approved"
                    : DisclosureFourEyes.APPROVER_ROLE.equals(member.role()) ? "four-eyes" : "not-dpo", reason);
        });
        Instant now = clock.instant();
        Instant until = disclosure.deadline() == null ? now.plus(GRANT_WITHOUT_DEADLINE)
                : disclosure.deadline().plusDays(1).atStartOfDay(Zones.PARIS).toInstant();
        if (!until.isAfter(now)) {
            throw new DisclosureStateException("deadline-passed", "the deadline has passed");
        }
        Set<String> categories = new LinkedHashSet<>(disclosure.categories());
        if (!disclosure.doNotInform()) {
            categories.add(Subjects.CONTACT); // to tell each person
        }
        Grant grant = grants.grantIndividual(disclosure.recordedBy(), PURPOSE, categories,
                disclosure.subjectIds().stream().map(ResourceRef::subject).toList(), until, "disclosure to an authority " + id, approver);
        if (!rows.approve(id, approver, now, grant.id())) {
            throw new DisclosureStateException("already-approved", "the disclosure is already approved");
        }
        audit.append(AuditEvent.allowed("staff:" + approver, "approve-disclosure", PURPOSE, "disclosure", id.toString(), null,
                disclosure.categories()));
        return find(id);
    }

    /** The answer produced: the link's secret (given once, never kept), the file's SHA-256, when the link expires. */
    record Answer(Disclosure disclosure, String secret, String sha256, Instant expiresAt) {}

    /**
     * Produces the answer: the person who recorded the request, under the grant the approval gave,
     * reads each person's data in the categories asked through the decision point (each read
     * audited); what is refused is listed as withheld with the reason. Tells each person by mail
     * unless the request forbids it.
     */
    @Transactional
    Answer answer(UUID id, UUID actorId) {
        Disclosure disclosure = find(id);
        if (disclosure.approvedBy() == null) {
            throw new DisclosureStateException("not-approved", "the disclosure is not approved yet");
        }
        if (disclosure.answeredAt() != null) {
            throw new DisclosureStateException("already-answered", "the answer was produced already");
        }
        if (!actorId.equals(disclosure.recordedBy())) {
            throw new DisclosureStateException("not-recorder", "the answer is produced by the person who recorded the request, under the approval's grant");
        }
        Actor actor = Actor.staff(actorId);
        Instant now = clock.instant();
        List<Map<String, Object>> people = new ArrayList<>();
        Map<UUID, List<String>> emails = new LinkedHashMap<>();
        for (UUID person : disclosure.subjectIds()) {
            people.add(gather(actor, person, disclosure.categories()));
            if (!disclosure.doNotInform()) {
                emails.put(person, emailsOf(actor, person));
            }
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("disclosure", id);
        file.put("controller", policy.controller().name());
        file.put("authority", disclosure.authority());
        file.put("legalBasis", disclosure.legalBasis().code());
        if (disclosure.legalBasisDetail() != null) {
            file.put("legalBasisDetail", disclosure.legalBasisDetail());
        }
        file.put("reference", disclosure.reference());
        file.put("receivedOn", disclosure.receivedOn().toString());
        file.put("categories", disclosure.categories());
        file.put("producedAt", now.toString());
        file.put("people", people);
        byte[] content = JSON.writeValueAsBytes(file);
        String sha256 = DisclosureAnswerLink.sha256Hex(content);
        String secret = DisclosureAnswerLink.newSecret();
        Instant expiresAt = DisclosureAnswerLink.expiresAt(now);
        if (!rows.answer(id, actorId, now, sha256, DisclosureAnswerLink.hash(secret), expiresAt, seal(DisclosureAnswerLink.key(secret), content))) {
            throw new DisclosureStateException("already-answered", "the answer was produced already");
        }
        for (UUID person : disclosure.subjectIds()) {
            audit.append(AuditEvent.allowed("staff:" + actorId, "disclose", PURPOSE, "disclosure", id.toString(), person, disclosure.categories()));
        }
        emails.forEach((person, addresses) -> {
            if (!addresses.isEmpty()) {
                tell(person, addresses.getFirst(), disclosure);
                rows.informed(id, person, now);
            }
        });
        return new Answer(find(id), secret, sha256, expiresAt);
    }

    private Map<String, Object> gather(Actor actor, UUID person, List<String> categories) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("subjectId", person);
        Map<String, String> withheld = new LinkedHashMap<>();
        Set<String> parts = new LinkedHashSet<>(categories);
        parts.retainAll(PERSON_PARTS);
        if (!parts.isEmpty()) {
            try {
                Subject subject = subjects.read(actor, PURPOSE, parts, person);
                if (subject.identity() != null) {
                    entry.put("identity", subject.identity());
                }
                if (subject.contacts() != null) {
                    entry.put("contacts", subject.contacts());
                }
                if (subject.otherInformation() != null) {
                    entry.put("otherInformation", subject.otherInformation());
                }
            } catch (AccessDecisions.AccessDeniedException e) {
                parts.forEach(p -> withheld.put(p, e.getMessage()));
            } catch (UnknownSubjectException | ShreddedException e) {
                parts.forEach(p -> withheld.put(p, "the person's data was erased"));
            }
        }
        part(entry, withheld, categories, "subscriptions", () -> subscriptions.ofSubject(actor, PURPOSE, person));
        part(entry, withheld, categories, "orders", () -> orders.ofSubject(actor, PURPOSE, person));
        part(entry, withheld, categories, "billing", () -> invoices.ofSubject(actor, PURPOSE, person));
        if (!withheld.isEmpty()) {
            entry.put("withheld", withheld);
        }
        return entry;
    }

    private interface Read {
        Object read();
    }

    private static void part(Map<String, Object> entry, Map<String, String> withheld, List<String> categories, String category, Read read) {
        if (!categories.contains(category)) {
            return;
        }
        try {
            entry.put(category, read.read());
        } catch (AccessDecisions.AccessDeniedException e) {
            withheld.put(category, e.getMessage());
        }
    }

    /** The person's addresses, read under the approval's grant (audited), to tell them; none when refused. */
    private List<String> emailsOf(Actor actor, UUID person) {
        try {
            Subject subject = subjects.read(actor, PURPOSE, Set.of(Subjects.CONTACT), person);
            return subject.contacts() == null ? List.of() : subject.contacts().emails();
        } catch (AccessDecisions.AccessDeniedException | UnknownSubjectException | ShreddedException e) {
            return List.of();
        }
    }

    /** The mail that tells a person, in French then in English: who asked, on which basis, which categories. */
    private void tell(UUID person, String to, Disclosure disclosure) {
        List<String> paragraphs = new ArrayList<>();
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            String basis = messages.getMessage("disclosures.basis." + disclosure.legalBasis().code(), null, locale);
            String categories = String.join(", ", disclosure.categories().stream()
                    .map(c -> policy.dataCategory(c).map(d -> d.label().in(locale)).orElse(c)).toList());
            paragraphs.add(messages.getMessage("disclosures.mail.body", new Object[] {policy.controller().name(), disclosure.authority(),
                    basis + (disclosure.legalBasisDetail() == null ? "" : " (" + disclosure.legalBasisDetail() + ")"), disclosure.reference(),
                    categories, policy.dpo().email()}, locale));
        }
        String subject = messages.getMessage("disclosures.mail.subject", null, Locale.FRENCH) + " / "
                + messages.getMessage("disclosures.mail.subject", null, Locale.ENGLISH);
        outbox.queue(Passage.toPerson(PURPOSE, person), to, subject, String.join("\n\n", paragraphs) + "\n");
    }

    /** The answer's file, once: the link must be known, unused and unexpired; its use is audited. */
    record Download(UUID disclosureId, String sha256, byte[] content) {}

    @Transactional(noRollbackFor = LinkGoneException.class)
    Download download(String secret) {
        if (secret.length() != 43 || !secret.matches("[A-Za-z0-9_-]+")) {
            throw new LinkGoneException();
        }
        JdbcDisclosures.Sealed sealed = rows.byLink(DisclosureAnswerLink.hash(secret)).orElseThrow(LinkGoneException::new);
        Disclosure disclosure = find(sealed.id());
        Instant now = clock.instant();
        if (!DisclosureAnswerLink.usable(now, sealed.expiresAt(), sealed.usedAt()) || sealed.sealed() == null) {
            if (sealed.usedAt() == null) {
                rows.expire(sealed.id());
            }
            audit.append(AuditEvent.denied("system", "download-disclosure-answer", PURPOSE, "disclosure", sealed.id().toString(), null,
                    disclosure.categories(), sealed.usedAt() != null ? "the link was used already" : "the link has expired"));
            throw new LinkGoneException();
        }
        if (!rows.take(sealed.id(), now)) {
            throw new LinkGoneException();
        }
        // The answer leaves for the authority through the one door out (R1.4): the policy's authority recipient, for each person in it.
        String authority = policy.recipients().stream().filter(r -> r.type() == Policy.RecipientType.AUTHORITY).map(Policy.Recipient::id)
                .findFirst().orElse("authorities");
        for (UUID person : disclosure.subjectIds()) {
            door.pass(ExitChannel.DOWNLOAD, Passage.toRecipient(authority, PURPOSE, person));
        }
        byte[] content = open(DisclosureAnswerLink.key(secret), sealed.sealed());
        audit.append(AuditEvent.allowed("system", "download-disclosure-answer", PURPOSE, "disclosure", sealed.id().toString(), null,
                disclosure.categories()));
        return new Download(sealed.id(), disclosure.answerSha256() == null ? "" : disclosure.answerSha256(), content);
    }

    private static byte[] seal(byte[] key, byte[] content) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(content);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] open(byte[] key, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
            return cipher.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void required(List<FieldError> errors, String field, @Nullable String value, int max) {
        if (blank(value)) {
            errors.add(new FieldError(field, "is required"));
        } else {
            TextInput.line(errors, field, value, max);
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

}
