package org.charte.subjects;

import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How to reach a person (policy §3.1, data category {@code contact}): any number of postal addresses, e-mails and phones. */
public record Contacts(@Size(max = 10) List<PostalAddress> addresses, @Size(max = 10) List<@Size(max = 254) String> emails,
        @Size(max = 10) List<@Size(max = 40) String> phones) {

    public Contacts {
        addresses = addresses == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(addresses));
        emails = emails == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(emails));
        phones = phones == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(phones));
    }

    public static Contacts none() {
        return new Contacts(List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return addresses.isEmpty() && emails.isEmpty() && phones.isEmpty();
    }
}
