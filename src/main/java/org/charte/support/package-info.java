/**
 * Support requests (tickets) on every channel and their messages, screened for sensitive data and
 * sealed; a ticket is what opens a support subcontractor's grant (R6.2) or a security-monitoring
 * grant (R6.3). The back office's page of a person's relationship (their commercial records beside
 * their tickets, each part decided and audited on its own) lives here.
 */
@NullMarked
@ApplicationModule(displayName = "Support")
package org.charte.support;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
