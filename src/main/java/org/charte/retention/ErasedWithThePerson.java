package org.charte.retention;

import java.util.Collection;
import java.util.UUID;

/**
 * Rows a module keeps about a person that have no retention rule of their own and no use once the
 * person is gone (a technical record such as "this person was told of policy version 1.3"): they go
 * with the person, in the erasure's own transaction (a retention run's batch or one person's
 * erasure), counted in its proof, like the tickets, commercial records and marketing history each
 * module erases through its retention API. A module that depends on this one, and so cannot be
 * called by name, provides one; every one is called when a person is erased whole.
 */
public interface ErasedWithThePerson {

    /** Erases these people's rows, in the caller's transaction; returns how many rows went. */
    int erase(Collection<UUID> subjectIds);
}
