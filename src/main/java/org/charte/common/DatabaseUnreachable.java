package org.charte.common;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * A request being answered 503 because the database could not be reached: the web module marks it
 * before its error page is made, and the session store then reads no session for it (the error
 * page would otherwise wait for the database a second time, fail, and leave the person with no
 * page and the log with a stack trace). The error page is made as for a visitor not signed in.
 */
public final class DatabaseUnreachable {

    private static final String ATTRIBUTE = DatabaseUnreachable.class.getName();

    private DatabaseUnreachable() {}

    /** Marks the request: the database could not be reached while answering it. */
    public static void mark(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    /** Whether the request this thread is answering was marked (false outside a request). */
    public static boolean markedNow() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes != null && attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) != null;
    }
}
