package org.charte.subjects;

import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A postal address: street lines (number and street, building, lieu-dit), postal code, commune and
 * country (ISO 3166-1 alpha-2, {@code FR} when not given). A French postal code and its commune
 * are checked against the official list.
 */
public record PostalAddress(@Size(max = 4) List<@Size(max = 100) String> lines, @Nullable @Size(max = 20) String postalCode,
        @Nullable @Size(max = 100) String commune, @Nullable @Size(max = 2) String country) {

    public PostalAddress {
        lines = lines == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(lines));
    }
}
