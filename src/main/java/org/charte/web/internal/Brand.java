package org.charte.web.internal;

import org.charte.policy.CurrentPolicy;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The brand of every page (L10): the controller's name as the policy in force gives it, in the
 * header, the footer and the public pages' titles; Charte is only credited in the footer.
 */
@ControllerAdvice(annotations = Controller.class)
class Brand {

    private final CurrentPolicy current;

    Brand(CurrentPolicy current) {
        this.current = current;
    }

    @ModelAttribute("brand")
    String brand() {
        return current.policy().controller().name();
    }
}
