/**
 * Who may reach personal data (policy §6; R4.5, R6.1-R6.4, R8.2, R8.3): staff accounts and their
 * roles from the policy file, confidentiality commitments, subcontractors and their contracts,
 * grants (a support ticket's included), API tokens, restrictions, objections and what a legal hold
 * alone keeps (L4), the first administrator's enrolment, and the decision point every module asks.
 */
@NullMarked
@ApplicationModule(displayName = "Access")
package org.charte.access;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
