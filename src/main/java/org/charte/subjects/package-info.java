/**
 * The people whose data Charte keeps (prospects, active and inactive clients), each person's
 * data sealed by the vault under their own key, validated on entry (R3.1), screened for sensitive
 * data with the DPO's accepted false positives (R3.6), their lifecycle and the dates retention
 * selects them by, rectification, post-mortem directives and death notices (R9.4); adulthood
 * ({@code Adulthood}, R3.5).
 */
@NullMarked
@ApplicationModule(displayName = "Subjects")
package org.charte.subjects;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
