/** The command line: one jar, sub-commands {@code serve}, {@code demo}, {@code policy check|lint|render}. */
@NullMarked
@ApplicationModule(displayName = "Command line")
package org.charte.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
