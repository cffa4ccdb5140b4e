package org.charte.access.internal;

import java.util.Optional;
import java.util.UUID;
import org.charte.access.StaffMember;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The member of staff acting in the current HTTP request, remembered for that request only: the
 * request's actor is looked up by login ({@link RequestActors}) and the decision point then needs the
 * same member by id; one database read serves both. Outside a request (jobs, the command line)
 * nothing is remembered. The bound: within one request, the account as it was when the request first
 * looked it up.
 */
final class ActingStaffMemo {

    private static final String ATTRIBUTE = ActingStaffMemo.class.getName();

    private ActingStaffMemo() {}

    static void remember(StaffMember member) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, member, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The member remembered by this request, if it has this id. */
    static Optional<StaffMember> recalled(UUID id) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof StaffMember member
                && member.id().equals(id) ? Optional.of(member) : Optional.empty();
    }
}
