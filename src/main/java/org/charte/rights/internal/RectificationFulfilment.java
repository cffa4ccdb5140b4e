package org.charte.rights.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.InvalidInputException;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.Rectifications;
import org.charte.subjects.Subject;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Rectification, completion and update (R9.1, L5), once the DPO has reviewed the change: each field
 * the person gave replaces the one held (a new e-mail address replaces the one the request was made
 * from; a phone or a postal address replaces those held), applied through
 * {@link Rectifications#rectify} as the verified person's own change (WRITE of their identity,
 * contact and other information for {@code rights-requests}), so it is validated, screened,
 * decided, audited, and every recipient of their data told (Art. 19). The answer names the fields
 * changed, never their values.
 */
@Component
class RectificationFulfilment implements Fulfilment {

    static final String CIVILITY = "civility";
    static final String LAST_NAME = "lastName";
    static final String FIRST_NAMES = "firstNames";
    static final String BIRTH_DATE = "birthDate";
    static final String NEW_EMAIL = "newEmail";
    static final String PHONE = "phone";
    static final String ADDRESS_LINE = "addressLine";
    static final String POSTAL_CODE = "postalCode";
    static final String COMMUNE = "commune";
    static final String OTHER_INFORMATION = "otherInformation";
    static final Set<String> DATA_FIELDS = Set.of(CIVILITY, LAST_NAME, FIRST_NAMES, BIRTH_DATE, NEW_EMAIL, PHONE, ADDRESS_LINE, POSTAL_CODE,
            COMMUNE, OTHER_INFORMATION);
    private static final Set<String> IDENTITY = Set.of(CIVILITY, LAST_NAME, FIRST_NAMES, BIRTH_DATE);
    private static final Set<String> CONTACT = Set.of(NEW_EMAIL, PHONE, ADDRESS_LINE, POSTAL_CODE, COMMUNE);

    private final Subjects subjects;
    private final Rectifications rectifications;
    private final RightsMails mails;

    RectificationFulfilment(Subjects subjects, Rectifications rectifications, RightsMails mails) {
        this.subjects = subjects;
        this.rectifications = rectifications;
        this.mails = mails;
    }

    @Override
    public RequestType type() {
        return RequestType.RECTIFICATION;
    }

    /** A change of someone's identity or contact is looked at by the DPO before it is applied. */
    @Override
    public boolean automatic() {
        return false;
    }

    /** The formats the form cannot check by itself: a date, a whole postal address. */
    static void checkFormat(Claimant claimant) {
        String birth = claimant.field(BIRTH_DATE);
        if (birth != null) {
            try {
                LocalDate.parse(birth);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(BIRTH_DATE, "must be a date such as 1980-05-17", "rights.problem.birth-date");
            }
        }
        boolean anyAddress = claimant.field(ADDRESS_LINE) != null || claimant.field(POSTAL_CODE) != null || claimant.field(COMMUNE) != null;
        if (anyAddress && (claimant.field(ADDRESS_LINE) == null || claimant.field(POSTAL_CODE) == null || claimant.field(COMMUNE) == null)) {
            throw new InvalidInputException(ADDRESS_LINE, "give the whole postal address: street, postal code and commune", "rights.problem.address");
        }
    }

    /**
     * The data the form gives, checked when the request is made by the same rules as at creation
     * (R3.1, R3.6), through the subjects module ({@link Subjects#validate}): a postal code that does
     * not exist or a malformed phone is refused at the form, in the person's language, not when the
     * DPO applies it. Each error is named by the form's field; a field not given is not checked.
     */
    static void check(Claimant claimant, Subjects subjects) {
        checkFormat(claimant);
        boolean anyIdentity = IDENTITY.stream().anyMatch(f -> claimant.field(f) != null);
        String birth = claimant.field(BIRTH_DATE);
        Identity identity = anyIdentity ? new Identity(claimant.field(CIVILITY), or(claimant.field(LAST_NAME), ""),
                claimant.field(FIRST_NAMES), birth == null ? null : LocalDate.parse(birth)) : null;
        boolean anyContact = CONTACT.stream().anyMatch(f -> claimant.field(f) != null);
        Contacts contacts = anyContact ? new Contacts(
                claimant.field(ADDRESS_LINE) == null ? List.of()
                        : List.of(new PostalAddress(List.of(claimant.field(ADDRESS_LINE)), claimant.field(POSTAL_CODE), claimant.field(COMMUNE), null)),
                claimant.field(NEW_EMAIL) == null ? List.of() : List.of(claimant.field(NEW_EMAIL)),
                claimant.field(PHONE) == null ? List.of() : List.of(claimant.field(PHONE))) : null;
        if (identity == null && contacts == null && claimant.field(OTHER_INFORMATION) == null) {
            return;
        }
        try {
            subjects.validate(new Subjects.Change(identity, contacts, claimant.field(OTHER_INFORMATION)));
        } catch (InvalidInputException e) {
            List<InvalidInputException.FieldError> errors = new ArrayList<>();
            for (InvalidInputException.FieldError error : e.errors()) {
                String field = formField(error.field());
                if (field != null && claimant.field(field) != null && errors.stream().noneMatch(x -> x.field().equals(field))) {
                    errors.add(new InvalidInputException.FieldError(field, error.message()));
                }
            }
            InvalidInputException.throwIfAny(errors);
        }
    }

    /** The form's field for a path of the subjects module's rules; null for one the form has not. */
    static @Nullable String formField(String path) {
        return switch (path) {
            case "identity.civility" -> CIVILITY;
            case "identity.lastName" -> LAST_NAME;
            case "identity.firstNames" -> FIRST_NAMES;
            case "identity.birthDate" -> BIRTH_DATE;
            case "otherInformation" -> OTHER_INFORMATION;
            default -> path.startsWith("contacts.emails") ? NEW_EMAIL
                    : path.startsWith("contacts.phones") ? PHONE
                    : path.endsWith(".postalCode") ? POSTAL_CODE
                    : path.endsWith(".commune") ? COMMUNE
                    : path.startsWith("contacts.addresses") ? ADDRESS_LINE
                    : null;
        };
    }

    @Override
    public Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale) {
        return fulfil(request, subjectId, claimant, locale, Steps.SYSTEM);
    }

    /** Applied on the DPO's review: the audit log names them and the request (R6.5), the change being decided as the person's own. */
    @Override
    public Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale, String decidedBy) {
        checkFormat(claimant);
        Set<String> given = new HashSet<>(claimant.fields().keySet());
        given.retainAll(DATA_FIELDS);
        if (given.isEmpty()) {
            throw new InvalidInputException("fields", "enter the data to change, as the person asks it", "rights.problem.fields");
        }
        Actor person = Actor.subject(subjectId);
        Set<String> categories = new HashSet<>();
        if (given.stream().anyMatch(IDENTITY::contains)) {
            categories.add(Subjects.IDENTITY);
        }
        if (given.stream().anyMatch(CONTACT::contains)) {
            categories.add(Subjects.CONTACT);
        }
        Subject held = categories.isEmpty() ? null : subjects.read(person, Rectifications.PURPOSE, categories, subjectId);
        Identity identity = null;
        if (held != null && held.identity() != null && categories.contains(Subjects.IDENTITY)) {
            Identity now = held.identity();
            String birth = claimant.field(BIRTH_DATE);
            identity = new Identity(or(claimant.field(CIVILITY), now.civility()), or(claimant.field(LAST_NAME), now.lastName()),
                    or(claimant.field(FIRST_NAMES), now.firstNames()), birth == null ? now.birthDate() : LocalDate.parse(birth));
        }
        Contacts contacts = null;
        if (held != null && categories.contains(Subjects.CONTACT)) {
            Contacts now = held.contacts() == null ? Contacts.none() : held.contacts();
            List<String> emails = new ArrayList<>(now.emails());
            String newEmail = claimant.field(NEW_EMAIL);
            if (newEmail != null) {
                int at = claimant.email() == null ? -1 : indexOfIgnoreCase(emails, claimant.email());
                if (at >= 0) {
                    emails.set(at, newEmail);
                } else {
                    emails.add(newEmail);
                }
            }
            List<String> phones = claimant.field(PHONE) == null ? now.phones() : List.of(claimant.field(PHONE));
            List<PostalAddress> addresses = claimant.field(ADDRESS_LINE) == null ? now.addresses()
                    : List.of(new PostalAddress(List.of(claimant.field(ADDRESS_LINE)), claimant.field(POSTAL_CODE), claimant.field(COMMUNE), null));
            contacts = new Contacts(addresses, emails, phones);
        }
        Subjects.Change change = new Subjects.Change(identity, contacts, claimant.field(OTHER_INFORMATION));
        Actor staff = staff(decidedBy);
        Rectifications.Rectified done = staff == null ? rectifications.rectify(person, subjectId, change, request.reference())
                : rectifications.rectify(person, subjectId, change, request.reference(), staff);
        if (done.changedFields().isEmpty()) {
            return new Result(List.of(), mails.text("rights.answer.rectification.nothing", locale));
        }
        List<String> names = done.changedFields().stream().map(f -> mails.text("rights.field." + f, locale)).toList();
        return new Result(List.of(), mails.text("rights.answer.rectification", locale, String.join(", ", names), done.recipientsTold().size()));
    }

    /** The member of staff a typed id names ({@code staff:<uuid>}); null for {@code system}. */
    static @Nullable Actor staff(String typedId) {
        if (typedId != null && typedId.startsWith("staff:")) {
            return Actor.staff(UUID.fromString(typedId.substring("staff:".length())));
        }
        return null;
    }

    private static @Nullable String or(@Nullable String given, @Nullable String held) {
        return given != null ? given : held;
    }

    private static int indexOfIgnoreCase(List<String> values, String wanted) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equalsIgnoreCase(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
