package org.charte.access;

import java.util.UUID;

/**
 * Whether the intermediate archive still holds entries of an erased person, known now only by
 * their former id (L4): a grant may name that id, as the archive is reached under a grant on it.
 * The retention module, which keeps the archive and depends on this one, provides the implementation.
 */
public interface ArchivedSubjects {

    boolean archived(UUID formerSubjectId);
}
