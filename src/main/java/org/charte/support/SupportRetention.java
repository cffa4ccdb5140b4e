package org.charte.support;

import java.util.Collection;
import java.util.UUID;

/**
 * What the retention run (policy §5, R5.6) needs of support: erase the tickets of a batch of
 * people, with their messages, authorisations and monitoring requests, in the caller's
 * transaction; as the system, not as anyone's access.
 */
public interface SupportRetention {

    /** Erases every ticket of these people and all that hangs from it; returns how many tickets went. */
    int erase(Collection<UUID> subjectIds);
}
