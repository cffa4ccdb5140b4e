package org.charte.rights.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.charte.access.Objections;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the person gives about themselves and their request, checked at intake (and again when the
 * DPO reviews a rectification) so that a verified request can be carried out.
 */
@Component
class ClaimantChecks {

    static final int FIELD_MAX = 500;

    /** The form's fields written over several lines; every other is a single line. */
    static final Set<String> MULTI_LINE_FIELDS = Set.of(RectificationFulfilment.OTHER_INFORMATION, PostMortemFulfilment.TRUSTED_ADDRESS);

    /** The fields a right's form may carry (see {@link Claimant#fields()}). */
    static final Set<String> FIELDS = Set.of(
            RectificationFulfilment.CIVILITY, RectificationFulfilment.LAST_NAME, RectificationFulfilment.FIRST_NAMES,
            RectificationFulfilment.BIRTH_DATE, RectificationFulfilment.NEW_EMAIL, RectificationFulfilment.PHONE,
            RectificationFulfilment.ADDRESS_LINE, RectificationFulfilment.POSTAL_CODE, RectificationFulfilment.COMMUNE,
            RectificationFulfilment.OTHER_INFORMATION,
            ObjectionFulfilment.PURPOSE, RestrictionFulfilment.REASON,
            PostMortemFulfilment.CHOICE, PostMortemFulfilment.TRUSTED_NAME, PostMortemFulfilment.TRUSTED_EMAIL, PostMortemFulfilment.TRUSTED_ADDRESS);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    private final Subjects subjects;
    private final Objections objections;

    ClaimantChecks(Subjects subjects, Objections objections) {
        this.subjects = subjects;
        this.objections = objections;
    }

    /** The claimant, checked: a name always; an e-mail address online (where the code goes), or an e-mail or postal address otherwise. */
    static Claimant checked(@Nullable RequestType type, @Nullable Claimant claimant, boolean online) {
        List<FieldError> errors = new ArrayList<>();
        if (type == null) {
            errors.add(new FieldError("type", "must be one of access, rectification, erasure, restriction, objection, portability, post-mortem"));
        }
        if (claimant == null) {
            errors.add(new FieldError("claimant", "say who makes the request"));
            InvalidInputException.throwIfAny(errors);
        }
        String name = claimant.name() == null ? "" : claimant.name().strip();
        String email = claimant.email() == null || claimant.email().isBlank() ? null : claimant.email().strip().toLowerCase(Locale.ROOT);
        String postal = claimant.postalAddress() == null || claimant.postalAddress().isBlank() ? null : claimant.postalAddress().strip();
        String details = claimant.details() == null || claimant.details().isBlank() ? null : claimant.details().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else {
            TextInput.line(errors, "name", name, Steps.NAME_MAX);
        }
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches()
                || TextInput.forbiddenAt(email, TextInput.Kind.SINGLE_LINE) >= 0)) {
            errors.add(new FieldError("email", "must be an e-mail address such as name@example.org"));
        }
        if (online && email == null) {
            errors.add(new FieldError("email", "give the e-mail address the verification code is sent to"));
        }
        if (!online && email == null && postal == null) {
            errors.add(new FieldError("email", "give an e-mail or a postal address to answer to"));
        }
        TextInput.freeText(errors, "postalAddress", postal, 500);
        TextInput.freeText(errors, "details", details, Steps.TEXT_MAX);
        if (type == RequestType.POST_MORTEM && details == null && (claimant.fields() == null || claimant.fields().get("choice") == null)) {
            errors.add(new FieldError("details", "write your directives"));
        }
        Map<String, String> fields = new TreeMap<>();
        if (claimant.fields() != null) {
            for (Map.Entry<String, String> field : claimant.fields().entrySet()) {
                if (field.getValue() == null || field.getValue().isBlank()) {
                    continue;
                }
                if (!FIELDS.contains(field.getKey())) {
                    errors.add(new FieldError(field.getKey(), "is not a field of a rights request"));
                } else if (TextInput.check(errors, field.getKey(), field.getValue().strip(), FIELD_MAX, MULTI_LINE_FIELDS.contains(field.getKey())
                        ? TextInput.Kind.FREE_TEXT : TextInput.Kind.SINGLE_LINE)) {
                    fields.put(field.getKey(), field.getValue().strip());
                }
            }
        }
        InvalidInputException.throwIfAny(errors);
        return new Claimant(name, email, postal, details, fields);
    }

    /** What each right needs of its fields, checked at intake so a verified request can be carried out. */
    void fields(RequestType type, Claimant claimant) {
        switch (type) {
            case RECTIFICATION -> {
                if (claimant.fields().keySet().stream().noneMatch(RectificationFulfilment.DATA_FIELDS::contains) && claimant.details() == null) {
                    throw new InvalidInputException("details", "say which data to rectify, complete or update");
                }
                RectificationFulfilment.check(claimant, subjects);
            }
            case RESTRICTION -> {
                if (claimant.field(RestrictionFulfilment.REASON) != null && RestrictionFulfilment.reason(claimant).isEmpty()) {
                    throw new InvalidInputException(RestrictionFulfilment.REASON,
                            "must be accuracy-contested, unlawful-processing or needed-for-claims");
                }
            }
            case OBJECTION -> {
                String purpose = ObjectionFulfilment.purpose(claimant);
                if (!ObjectionFulfilment.MARKETING.equals(purpose) && !objections.directMarketingPurposes().contains(purpose)) {
                    if (!objections.purposesNeedingMotive().contains(purpose)) {
                        throw new InvalidInputException(ObjectionFulfilment.PURPOSE,
                                "the right to object applies to direct marketing and to legitimate-interest purposes");
                    }
                    if (claimant.details() == null) {
                        throw new InvalidInputException("details", "state the grounds relating to your particular situation (GDPR Art. 21(1))");
                    }
                }
            }
            case POST_MORTEM -> PostMortemFulfilment.check(claimant);
            default -> { }
        }
    }
}
