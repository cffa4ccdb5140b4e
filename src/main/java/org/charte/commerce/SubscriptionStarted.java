package org.charte.commerce;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A subscription was taken: its hosted Gestan database is provisioned from this (policy §3.3).
 * Ids and dates only.
 */
public record SubscriptionStarted(UUID subscriptionId, UUID subjectId, LocalDate subscribedOn, LocalDate startsOn) {}
