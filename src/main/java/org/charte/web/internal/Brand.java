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

    /** "Gestan Cloud · ICS-Informatique SARL": the service the policy covers, when it names one, and the controller. */
    @ModelAttribute("brand")
    String brand() {
        var controller = current.policy().controller();
        return controller.service() == null ? controller.name() : controller.service() + " · " + controller.name();
    }
}
