/**
 * Retention (policy §5, R5.1-R5.6, L4, L7): the rules of the policy's retention section as small
 * policy objects (in {@code internal}), the runs that erase whatever is past its limit (scheduled under a cluster lock,
 * on demand, or dry), the proofs of erasure, the legal holds that suspend exactly what they cover,
 * and the intermediate archive (archivage intermédiaire) where legal obligations keep records
 * after a person is gone. Each module erases its own tables through its retention API; this
 * module orchestrates and proves.
 */
@NullMarked
@ApplicationModule(displayName = "Retention")
package org.charte.retention;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
