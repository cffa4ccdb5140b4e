package org.charte.web.internal;

import org.charte.access.AccessDecisions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A page the decision point refuses: a 403 page that says why, in the visitor's language. */
@ControllerAdvice(annotations = Controller.class)
class PageProblems {

    @ExceptionHandler(AccessDecisions.AccessDeniedException.class)
    ModelAndView refused(AccessDecisions.AccessDeniedException e) {
        ModelAndView page = new ModelAndView("error", HttpStatus.FORBIDDEN);
        page.addObject("status", 403);
        page.addObject("messageKey", "error.access-denied");
        page.addObject("reason", e.getMessage());
        return page;
    }
}
