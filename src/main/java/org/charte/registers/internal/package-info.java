/** The registers module's rows, rules' wiring, API and pages. */
@NullMarked
package org.charte.registers.internal;

import org.jspecify.annotations.NullMarked;
