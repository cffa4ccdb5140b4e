package org.charte.subjects;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person as one reader was allowed to see them: the status and dates (no personal data), and
 * only the parts whose data category the decision point allowed ({@code categories}); the others
 * are null.
 */
public record Subject(UUID id, SubjectStatus status, LocalDate lastContactOn, @Nullable LocalDate contractEndedOn,
        Set<String> categories, @Nullable Identity identity, @Nullable Contacts contacts, @Nullable String otherInformation) {

    public Subject {
        categories = Set.copyOf(categories);
    }
}
