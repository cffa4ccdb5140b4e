/**
 * Rights requests (policy §9.1, GDPR Art. 12-22): intake on the privacy centre, by post or e-mail
 * (entered by staff) and by API; identity verification by a one-time code; the one-month clock
 * with its extension and suspension; refusals with reasons; the answers (access report,
 * portability archive) delivered through expiring, single-use links. Everything, the request model
 * included, is in {@code internal} but {@link org.charte.rights.OpenRequests}, the open requests
 * against their deadlines that the DPO's desk (registers) reads; it reaches the others through
 * their APIs and handles {@code DeathNotified}.
 */
@NullMarked
@ApplicationModule(displayName = "Rights")
package org.charte.rights;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
