/**
 * Solicitation preferences: a basis per person, channel and marketing purpose (consent with its
 * proof, analogous offers to clients, professionals' job-related messages), objections effective at
 * once on any channel and kept as a suppression list, campaigns, one-click unsubscribe, SMS STOP and
 * the phone rules (R9.9, R9.10, R4.2, L2, L5, L9).
 */
@NullMarked
@ApplicationModule(displayName = "Marketing")
package org.charte.marketing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
