package org.charte.rights.internal;

import java.time.Clock;
import java.util.UUID;
import org.charte.access.Grants;
import org.springframework.stereotype.Component;

/**
 * Opens and ends the DPO's grants of a post-mortem matter ({@link PostMortemAccess}) through the
 * access module, in the transaction of the step that opens or ends the matter: a request verified,
 * closed; a death check opened, decided. The access module records each opening and end in the audit log.
 */
@Component
class PostMortemGrants {

    private final Grants grants;
    private final Clock clock;

    PostMortemGrants(Grants grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    /** A request just verified that waits for the DPO: a post-mortem request opens the DPO's grant on its person. */
    void verified(RightsRequest request, String by) {
        if (PostMortemAccess.opens(request)) {
            grants.openForRightsRequest(request.reference(), request.subjectId(), PostMortemAccess.CATEGORIES,
                    PostMortemAccess.until(clock.instant()), PostMortemAccess.opened(request), by);
        }
    }

    /** A request closed, however: the grants it opened, if any, end. */
    void closed(String reference, String by) {
        grants.closeRightsRequest(reference, by, PostMortemAccess.REQUEST_CLOSED);
    }

    /** A death notified, its check just opened (by Charte, on the notification). */
    void checkOpened(UUID checkId, UUID subjectId) {
        grants.openForRightsRequest(PostMortemAccess.checkRef(checkId), subjectId, PostMortemAccess.CATEGORIES,
                PostMortemAccess.until(clock.instant()), PostMortemAccess.deathNotified(), Steps.SYSTEM);
    }

    /** A death check decided: rejected, or confirmed and its directives carried out. */
    void checkDecided(UUID checkId, String by, String reason) {
        grants.closeRightsRequest(PostMortemAccess.checkRef(checkId), by, reason);
    }
}
