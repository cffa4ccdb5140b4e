package org.charte.subjects;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the sensitive-data screen found in a text: the categories (never the words) and the text
 * with every sensitive word or phrase replaced by {@link SensitiveDataScreen#REDACTED}.
 */
public record Screening(Set<SensitiveCategory> categories, String redacted) {

    public Screening {
        categories = categories.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(categories));
    }

    public boolean clean() {
        return categories.isEmpty();
    }

    /** The categories' codes, in alphabetical order: what the audit log and error messages may show. */
    public List<String> codes() {
        return categories.stream().map(SensitiveCategory::code).sorted().toList();
    }
}
