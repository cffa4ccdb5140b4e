package org.charte.subjects;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A postal address: street lines (number and street, building, lieu-dit), postal code, commune and
 * country (ISO 3166-1 alpha-2, {@code FR} when not given). A French postal code and its commune
 * are checked against the official list.
 */
public record PostalAddress(List<String> lines, @Nullable String postalCode, @Nullable String commune, @Nullable String country) {

    public PostalAddress {
        lines = lines == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lines));
    }
}
