/** The web module inside: error pages and problem+json, API request guards, languages, the home, dashboard and relationship pages. */
@NullMarked
package org.charte.web.internal;

import org.jspecify.annotations.NullMarked;
