package org.charte.marketing.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.charte.access.AccessDecisions;
import org.charte.access.FrontDoor;
import org.charte.access.SecurityHeaders;
import org.charte.marketing.UnsubscribeToken;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The door of the one click (RFC 8058, L5, R9.9), {@code POST /u/{token}} as a mail provider posts it
 * ({@code List-Unsubscribe=One-Click}, or an empty body), ahead of Spring Security and Spring MVC ({@link FrontDoor}),
 * after the link's rate limit ({@link OneClickRateLimit}). It records the objection the token names as
 * {@link UnsubscribePages} does, with the same call, and answers the same small page in the language Spring MVC
 * would choose (the application's {@link LocaleResolver}). It takes only a post without query, bearer token or any
 * other parameter (no {@code from=page}: that is the page's button), its body a form of at most {@value #MAX_BODY}
 * bytes or none, its token good; anything else, or a person no longer recorded, goes on to {@link UnsubscribePages},
 * which answers it as it always has, nothing done here. A failure (the database away) goes up to the failures' one
 * place ({@code RequestFailures}), as it would from Spring MVC. {@code OneClickDoorTests} compares both doors' answers.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class OneClickDoor extends FrontDoor {

    /** {@code List-Unsubscribe=One-Click} is 26 bytes: a bigger body goes to {@link UnsubscribePages}. */
    static final int MAX_BODY = 1024;
    static final String ONE_CLICK_PARAMETER = "List-Unsubscribe";

    private final UnsubscribeLinks links;
    private final UnsubscribePages pages;
    private final LocaleResolver locales;

    OneClickDoor(UnsubscribeLinks links, UnsubscribePages pages, LocaleResolver locales, SecurityHeaders headers) {
        super(UnsubscribeLinks.PATH + "{token}", headers);
        this.links = links;
        this.pages = pages;
        this.locales = locales;
    }

    /** The token of a post to {@code /u/{token}}, one segment; null for any other path. */
    static @Nullable String token(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String start = request.getContextPath() + UnsubscribeLinks.PATH;
        if (!uri.startsWith(start) || uri.length() == start.length() || uri.indexOf('/', start.length()) >= 0) {
            return null;
        }
        return uri.substring(start.length());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || token(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = token(request);
        if (token == null || !takes(request)) {
            chain.doFilter(request, response);
            return;
        }
        UnsubscribeToken.Claims claims = links.verify(token).orElse(null);
        if (claims == null) {
            chain.doFilter(request, response); // UnsubscribePages' 404 page, nothing done
            return;
        }
        Locale locale = locales.resolveLocale(request);
        // the objection inside the headers of every answer: a failure's error page gets them too, as through the chains
        open(request, response, (rq, out) -> {
            boolean objected;
            try {
                objected = pages.objected(claims);
            } catch (AccessDecisions.AccessDeniedException e) {
                objected = false; // a policy that denies it: UnsubscribePages' page says why (PageProblems)
            }
            if (objected) {
                pages.oneClickAnswer(locale, (HttpServletResponse) out);
            } else {
                chain.doFilter(rq, out); // a person no longer recorded: nothing was done; UnsubscribePages' 404 page
            }
        });
    }

    /** Whether the post is a one click as mail providers send it, which Spring MVC would give to the one click. */
    private static boolean takes(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (request.getQueryString() != null || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || length > MAX_BODY) {
            return false;
        }
        String type = request.getContentType();
        if (type == null) {
            return length <= 0;
        }
        try {
            if (!MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type))) {
                return false;
            }
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        // the form read as Spring MVC reads it (its params condition): nothing but the one click's own field
        for (String name : request.getParameterMap().keySet()) {
            if (!ONE_CLICK_PARAMETER.equals(name)) {
                return false;
            }
        }
        return true;
    }
}
