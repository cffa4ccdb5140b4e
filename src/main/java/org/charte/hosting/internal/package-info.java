/** The hosting module inside: data stores and their locations, provisioning, exports, destruction certificates, API and URL rules. */
@NullMarked
package org.charte.hosting.internal;

import org.jspecify.annotations.NullMarked;
