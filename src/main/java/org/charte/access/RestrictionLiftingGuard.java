package org.charte.access;

import java.util.Optional;

/**
 * What must happen before a restriction is lifted (GDPR Art. 18(3): a person who obtained
 * restriction is told before it is lifted). Implemented by the module that obtained the restriction
 * (the rights module, for a restriction asked through a rights request), so that access does not
 * depend on it; {@link ProcessingRestrictions#lift} asks every guard, in its transaction, and refuses
 * the lifting when one answers a reason.
 */
public interface RestrictionLiftingGuard {

    /**
     * @return empty when the restriction may be lifted now; otherwise why not and where to lift it
     *         (a code, a reference, a page: never personal data)
     */
    Optional<String> refusal(ProcessingRestrictions.Restriction restriction);
}
