package org.charte.access;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A member of staff, or of a subcontractor, who signs in to the back office with one role of the
 * policy file.
 */
public record StaffMember(UUID id, String login, String displayName, String role,
        @Nullable UUID subcontractorId, boolean enrolled, boolean demo) {}
