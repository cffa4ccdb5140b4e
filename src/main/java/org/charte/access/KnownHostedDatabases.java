package org.charte.access;

import java.util.UUID;

/**
 * Whether a hosted database is recorded and not destroyed, for grants that must refuse to open
 * one that does not exist without knowing the hosting module (which depends on this one): the
 * hosting module provides the implementation.
 */
public interface KnownHostedDatabases {

    boolean exists(UUID hostedDatabaseId);
}
