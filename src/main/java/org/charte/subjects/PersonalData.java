package org.charte.subjects;

import org.jspecify.annotations.Nullable;

/**
 * Everything a person tells us (policy §3.1), in the three data categories of the policy:
 * {@code identity}, {@code contact} and {@code other-information} (free text, screened for
 * sensitive data and redacted, R3.6).
 */
public record PersonalData(Identity identity, Contacts contacts, @Nullable String otherInformation) {

    public PersonalData {
        contacts = contacts == null ? Contacts.none() : contacts;
    }

    public PersonalData(Identity identity) {
        this(identity, Contacts.none(), null);
    }
}
