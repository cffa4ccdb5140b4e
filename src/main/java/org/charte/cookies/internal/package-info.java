/** The cookies module's rows, banner configuration, script, API, pages and demo site. */
@NullMarked
package org.charte.cookies.internal;

import org.jspecify.annotations.NullMarked;
