/**
 * The privacy policy as data: model, loader, validator, lint against the law and the texts
 * rendered from it. The model is plain Java; Spring lives only in {@code internal}.
 */
@NullMarked
@ApplicationModule(displayName = "Policy")
package org.charte.policy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
