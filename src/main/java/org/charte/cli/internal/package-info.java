/** The command line's sub-commands, the application they start, and the demo data. */
@NullMarked
package org.charte.cli.internal;

import org.jspecify.annotations.NullMarked;
