/**
 * The privacy policy as data: model, loader, validator, lint against the law and the texts
 * rendered from it (privacy policy, Art. 30 register), and the policy in force with its stored
 * versions. The model is plain Java; Spring lives in {@code internal}, and in
 * {@code PolicyDocuments} only for its messages.
 */
@NullMarked
@ApplicationModule(displayName = "Policy")
package org.charte.policy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
