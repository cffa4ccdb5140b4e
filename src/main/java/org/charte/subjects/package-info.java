/**
 * The people whose data Charte keeps (prospects, active and inactive clients), each person's
 * data sealed by the vault under their own key. Issue 3 adds validation, screening and lifecycle.
 */
@NullMarked
@ApplicationModule(displayName = "Subjects")
package org.charte.subjects;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
