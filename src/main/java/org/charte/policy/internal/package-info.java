/** Loading the policy file into Spring, its versions, pages and API. */
@NullMarked
package org.charte.policy.internal;

import org.jspecify.annotations.NullMarked;
