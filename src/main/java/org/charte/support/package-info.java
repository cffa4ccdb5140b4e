/**
 * Support requests (tickets) on every channel and their messages, screened for sensitive data; a
 * ticket is what opens a support subcontractor's grant (R6.2) or a security-monitoring grant (R6.3).
 */
@NullMarked
@ApplicationModule(displayName = "Support")
package org.charte.support;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
