package org.charte.access;

import org.springframework.security.core.Authentication;

/** Who is behind a request, as the decision point names actors. */
public interface CurrentActor {

    /**
     * The actor of an authenticated request: the signed-in member of staff, or the integration
     * token.
     *
     * @throws AccessException when the request is not authenticated by either
     */
    AccessRequest.Actor of(Authentication authentication);
}
