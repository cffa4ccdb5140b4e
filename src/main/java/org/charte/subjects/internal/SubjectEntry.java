package org.charte.subjects.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.charte.common.InvalidInputException;
import org.charte.common.PlausibleDate;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.Screening;
import org.charte.subjects.SensitiveDataScreen.Handling;
import org.charte.subjects.Subjects.Change;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The rules of entry of a person's data (R3.1 validation, R3.6 screening), applied the same way on
 * creation, registration, update and a form's check: every invalid field named at once, a sensitive
 * category refused in a structured field recorded without the words, the free text redacted.
 */
@Component
class SubjectEntry {

    /** The actor the audit log names when the system itself records or checks. */
    static final String SYSTEM = "system";

    private final PersonalDataRules rules;
    private final WordListScreen screen;
    private final Clock clock;

    SubjectEntry(PersonalDataRules rules, WordListScreen screen, Clock clock) {
        this.rules = rules;
        this.screen = screen;
        this.clock = clock;
    }

    /** Valid, normalised data, and the screening of its free text (redacted already). */
    record Checked(PersonalData data, Screening freeText) {}

    /** A change checked: the parts given, normalised (other information redacted, {@code otherGiven} when it changes). */
    record CheckedChange(@Nullable Identity identity, @Nullable Contacts contacts, boolean otherGiven, @Nullable String other,
            Screening freeText) {}

    /** The last contact given, or today. */
    LocalDate lastContact(@Nullable LocalDate given) {
        return given == null ? LocalDate.now(clock) : given;
    }

    /** Validates and screens a new person's data; records a refused sensitive hit and throws with every invalid field. */
    Checked newPerson(@Nullable PersonalData data, LocalDate lastContact, String actor) {
        PersonalDataRules.Findings findings = new PersonalDataRules.Findings();
        Identity identity = rules.identity(data == null ? null : data.identity(), findings);
        Contacts contacts = rules.contacts(data == null ? null : data.contacts(), findings);
        String other = rules.otherInformation(data == null ? null : data.otherInformation(), findings);
        if (!PlausibleDate.isPlausible(lastContact)) {
            findings.error("lastContactOn", PlausibleDate.MESSAGE); // year 0 would erase a prospect at the next run
        } else if (lastContact.isAfter(LocalDate.now(clock))) {
            findings.error("lastContactOn", "must not be in the future");
        }
        refuseIfInvalid(findings, actor, null);
        return new Checked(new PersonalData(identity, contacts, other), findings.freeText);
    }

    /** Validates and screens the parts a change gives; records a refused sensitive hit and throws with every invalid field. */
    CheckedChange change(Change change, String actor, UUID subjectId) {
        PersonalDataRules.Findings findings = new PersonalDataRules.Findings();
        Identity identity = change.identity() == null ? null : rules.identity(change.identity(), findings);
        Contacts contacts = change.contacts() == null ? null : rules.contacts(change.contacts(), findings);
        String other = change.otherInformation() == null ? null : rules.otherInformation(change.otherInformation(), findings);
        refuseIfInvalid(findings, actor, subjectId);
        return new CheckedChange(identity, contacts, change.otherInformation() != null, other, findings.freeText);
    }

    /** Checks only the parts given, as the system, writing nothing. */
    void validate(Change change) {
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

    /** Records what was redacted from a person's free text once it is written (codes, never the words). */
    void recordRedacted(Screening freeText, String actor, UUID subjectId) {
        if (!freeText.clean()) {
            screen.record(freeText, Handling.REDACTED, actor, "subject", subjectId.toString(), subjectId);
        }
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

    /** A phone number in E.164, or null when it is not one: what a search by phone looks up. */
    @Nullable String e164(String phone) {
        return rules.e164(phone);
    }
}
