package org.charte.web.internal;

import java.util.Locale;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessWords;
import org.charte.common.PageController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A page the decision point refuses: a 403 page that says why, in the visitor's language (L10). */
@ControllerAdvice(annotations = PageController.class)
class PageProblems {

    private final AccessWords words;

    PageProblems(AccessWords words) {
        this.words = words;
    }

    @ExceptionHandler(AccessDecisions.AccessDeniedException.class)
    ModelAndView refused(AccessDecisions.AccessDeniedException e, Locale locale) {
        ModelAndView page = new ModelAndView("error", HttpStatus.FORBIDDEN);
        page.addObject("status", 403);
        page.addObject("messageKey", "error.access-denied");
        page.addObject("reason", words.reason(String.valueOf(e.getMessage()), locale));
        return page;
    }
}
