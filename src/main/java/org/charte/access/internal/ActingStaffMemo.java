package org.charte.access.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The member of staff acting in the current HTTP request, remembered for that request only: the
 * request's actor is looked up by login ({@link RequestActors}) and the decision point then needs the
 * same member by id, and the stamp of their grants read with the account ({@link GrantCopies}); one
 * database read serves both. Outside a request (jobs, the command line) nothing is remembered. The
 * bound: within one request, the account and its grants as they were when the request first looked
 * the account up.
 */
final class ActingStaffMemo {

    private static final String ATTRIBUTE = ActingStaffMemo.class.getName();

    private ActingStaffMemo() {}

    static void remember(StaffAccounts.Acting acting) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, acting, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The member remembered by this request, with their grants stamp as read with the account, if it has this id. */
    static Optional<StaffAccounts.Acting> recalled(UUID id) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof StaffAccounts.Acting acting
                && acting.member().id().equals(id) ? Optional.of(acting) : Optional.empty();
    }
}
