package org.charte.support.internal;

import java.util.List;
import java.util.UUID;

/**
 * Where every support text (ticket title, message) is screened for sensitive data (R3.6) before it
 * is sealed and kept: redacted, and the hit recorded without the words. The word lists belong to the
 * subjects module ({@code org.charte.subjects.SensitiveDataScreen}); {@link SubjectsMessageScreen} calls it.
 */
interface MessageScreen {

    /** The text to keep (redacted where needed) and the categories found, as codes, never the words. */
    record Screened(String text, List<String> categories) {}

    /**
     * Screens a text about to be kept as {@code resourceType}/{@code resourceId} of a person, and
     * records a hit (categories only) as done by {@code actor} (a typed id).
     */
    Screened screen(String text, String actor, String resourceType, UUID resourceId, UUID subjectId);
}
