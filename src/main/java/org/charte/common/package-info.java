/** What every module shares: time-ordered ids. */
@NullMarked
@ApplicationModule(displayName = "Common")
package org.charte.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
