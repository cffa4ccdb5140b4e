package org.charte.access;

import java.util.UUID;

/** A member of staff who signs in to the back office, with one role of the policy file. */
public record StaffMember(UUID id, String login, String displayName, String role) {}
