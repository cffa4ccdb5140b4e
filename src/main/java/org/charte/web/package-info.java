/** Shared web concerns: page layout, languages, security headers, sign-in, error handling. */
@NullMarked
@ApplicationModule(displayName = "Web")
package org.charte.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
