package org.charte.subjects.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.AccessWords;
import org.charte.access.CurrentActor;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.audit.AuditNames;
import org.charte.subjects.Identity;
import org.charte.subjects.Subject;
import org.charte.subjects.Subjects;
import org.charte.subjects.UnknownSubjectException;
import org.charte.vault.ShreddedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The names the audit log's page shows (L10): staff and integrations by their names; a person by
 * their name only when the viewer holds a grant in force on them that reaches their identity, read
 * for that grant's purpose through {@link Subjects#read} (decided, and recorded in the log as a read,
 * as the person page does); by a short reference otherwise.
 */
@Component
class SubjectAuditNames implements AuditNames {

    private final AccessWords words;
    private final Grants grants;
    private final CurrentActor actors;
    private final Subjects subjects;
    private final Clock clock;

    SubjectAuditNames(AccessWords words, Grants grants, CurrentActor actors, Subjects subjects, Clock clock) {
        this.words = words;
        this.grants = grants;
        this.actors = actors;
        this.subjects = subjects;
        this.clock = clock;
    }

    @Override
    public String actor(String typedId, Locale locale) {
        return words.actor(typedId, locale);
    }

    @Override
    public String reason(String reason, Locale locale) {
        return words.reason(reason, locale);
    }

    @Override
    public Map<UUID, String> people(Authentication viewer, Collection<UUID> subjectIds) {
        Actor actor = actors.of(viewer);
        if (actor.kind() != Actor.Kind.STAFF) {
            return Map.of();
        }
        Instant now = clock.instant();
        Map<UUID, String> names = new LinkedHashMap<>();
        var held = grants.forGrantee(actor.id()).stream()
                .filter(g -> g.activeAt(now) && g.categories().contains(Subjects.IDENTITY)).toList();
        for (UUID id : new LinkedHashSet<>(subjectIds)) {
            Optional<Grant> grant = held.stream().filter(g -> g.covers(ResourceRef.subject(id))).findFirst();
            if (grant.isEmpty()) {
                continue;
            }
            try {
                Subject subject = subjects.read(actor, grant.get().purpose(), Set.of(Subjects.IDENTITY), id);
                Identity identity = subject.identity();
                if (identity != null) {
                    names.put(id, identity.firstNames() == null ? identity.lastName() : identity.firstNames() + " " + identity.lastName());
                }
            } catch (AccessDecisions.AccessDeniedException | UnknownSubjectException | ShreddedException e) {
                // refused (recorded as such), unknown or erased: the page shows a short reference
            }
        }
        return names;
    }

    @Override
    public Optional<UUID> personByEmail(String email) {
        return subjects.findByEmail(email);
    }
}
