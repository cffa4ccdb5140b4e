/** The commerce module inside: its tables, retention and synthetic data, its API and URL rules. */
@NullMarked
package org.charte.commerce.internal;

import org.jspecify.annotations.NullMarked;
