package org.charte.audit;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;

/**
 * What the audit log's page needs from the modules that know people (L10, R6.5): the log itself
 * holds only ids and codes, so the names come from elsewhere. The module that knows staff and the
 * people provides it (the audit module depends on none of them).
 */
public interface AuditNames {

    /** An entry's actor in words: a member of staff's name, an integration, the person, Charte itself. */
    String actor(String typedId, Locale locale);

    /** A decision's reason in the page's language, as far as a wording is known. */
    String reason(String reason, Locale locale);

    /**
     * The names of those of these people the viewer holds a grant on, each read as the person page
     * reads it (decided by the decision point for the grant's purpose, recorded as a read); the
     * others are missing from the map.
     */
    Map<UUID, String> people(Authentication viewer, Collection<UUID> subjectIds);

    /** The person with this e-mail, by its blind index; empty when none (or not an e-mail). Neither logged nor stored. */
    Optional<UUID> personByEmail(String email);
}
