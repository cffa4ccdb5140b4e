/** The application class; its modules are the sub-packages, the command line starts it ({@code org.charte.cli.Main}). */
@NullMarked
package org.charte;

import org.jspecify.annotations.NullMarked;
