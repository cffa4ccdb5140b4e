package org.charte.access;

import java.util.UUID;

/**
 * Whether a person is recorded, for the access module's rights records (restrictions,
 * objections) that must refuse an unknown person without knowing the subjects module (which
 * depends on this one): the subjects module provides the implementation.
 */
public interface KnownSubjects {

    boolean exists(UUID subjectId);
}
