package org.charte.subjects;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** What a person tells us about themselves (policy §3.1): identity, contacts, other information. */
public record Identity(String civility, String lastName, String firstNames, @Nullable LocalDate birthDate,
        @Nullable String email, @Nullable String phone, @Nullable String postalAddress,
        @Nullable String otherInformation) {}
