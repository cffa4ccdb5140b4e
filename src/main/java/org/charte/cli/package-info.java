/**
 * The command line: one jar, sub-commands {@code serve}, {@code demo}, {@code policy check|lint|render},
 * {@code retention run|holds}, {@code audit verify|export}, {@code vault status|rotate|rotate-epoch},
 * {@code staff create-admin|enrolment-link}, {@code totp} (demo accounts) and {@code generate}.
 */
@NullMarked
@ApplicationModule(displayName = "Command line")
package org.charte.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
