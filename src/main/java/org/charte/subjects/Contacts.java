package org.charte.subjects;

import java.util.List;

/** How to reach a person (policy §3.1, data category {@code contact}): any number of postal addresses, e-mails and phones. */
public record Contacts(List<PostalAddress> addresses, List<String> emails, List<String> phones) {

    public Contacts {
        addresses = addresses == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(addresses));
        emails = emails == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(emails));
        phones = phones == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(phones));
    }

    public static Contacts none() {
        return new Contacts(List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return addresses.isEmpty() && emails.isEmpty() && phones.isEmpty();
    }
}
