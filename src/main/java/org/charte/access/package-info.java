/**
 * Who may reach personal data: staff accounts and their roles from the policy file. Grants,
 * commitments, subcontractors and the decision point come with issue 2 (access governance).
 */
@NullMarked
@ApplicationModule(displayName = "Access")
package org.charte.access;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
