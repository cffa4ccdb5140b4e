package org.charte.rights.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;
import org.charte.common.Zones;
import org.charte.subjects.Subjects;

/**
 * The DPO's access to one person while a post-mortem matter waits for them (R6.1, R9.4; policy §9.1,
 * "directives post-mortem"), framework-free. The DPO reaches a person's data only through an
 * individual grant, like everyone; a post-mortem matter is where that grant comes from, as a support
 * request opens a subcontractor's:
 * <ul>
 * <li>a post-mortem request whose sender's identity is verified (R9.6), linked to a person, and still
 * open once Charte has done what it could by itself (directives in words, the heirs' rights, a death
 * to record), and</li>
 * <li>a death notified whose evidence the DPO is to check</li>
 * </ul>
 * each open, for every DPO, a grant for the handling of rights requests on that person alone, limited
 * to what handling it reads and records: who the person is ({@code identity}: the name on the deaths'
 * page, a death recorded) and their directives ({@code other-information}: read, recorded). Carrying the
 * directives out needs no grant: Charte does it as the person ({@link DeathNotices}).
 *
 * <p>The grant ends with its matter: the request closed (answered, refused, cancelled), the check
 * decided (rejected, or confirmed and the directives carried out). It lasts at most the longest time
 * the law gives to answer a request ({@link RequestClock#ANSWER_WITHIN} and its
 * {@link RequestClock#EXTENSION}) from its opening; past that, an administrator's individual grant.
 */
final class PostMortemAccess {

    /** What handling a post-mortem matter reads and records of the person: nothing more. */
    static final Set<String> CATEGORIES = Set.of(Subjects.IDENTITY, Subjects.OTHER_INFORMATION);

    /** Why the grants end, as the audit log and the grants' page record it (worded by DenialReasons). */
    static final String REQUEST_CLOSED = "rights request closed";
    static final String DEATH_CARRIED_OUT = "death confirmed: directives carried out";
    static final String DEATH_REJECTED = "death not confirmed: evidence wanting";

    private PostMortemAccess() {}

    /** Whether a request just verified opens the DPO's grant: a post-mortem request, linked to a person, still open. */
    static boolean opens(RightsRequest request) {
        return request.type() == RequestType.POST_MORTEM && request.subjectId() != null && request.verifiedAt() != null && request.open();
    }

    /** Why a request's grant opens. */
    static String opened(RightsRequest request) {
        return "post-mortem request " + request.reference() + " verified";
    }

    /** Why a death check's grant opens. */
    static String deathNotified() {
        return "death notified: evidence to check";
    }

    /** What names a death check's grants, as a request's reference names a request's. */
    static String checkRef(UUID checkId) {
        return "death-check:" + checkId;
    }

    /** The latest a grant opened at {@code openedAt} lasts: one month and two of extension later, Paris calendar. */
    static Instant until(Instant openedAt) {
        return ZonedDateTime.ofInstant(openedAt, Zones.PARIS).plus(RequestClock.ANSWER_WITHIN).plus(RequestClock.EXTENSION).toInstant();
    }
}
