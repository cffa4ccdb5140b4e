package org.charte.web.internal;

import org.charte.common.PageController;
import org.charte.policy.CurrentPolicy;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The brand of every page (L10): the controller's name as the policy in force gives it, in the
 * header, the footer and the public pages' titles; Charte is only credited in the footer.
 */
@ControllerAdvice(annotations = PageController.class)
class Brand {

    private final CurrentPolicy current;

    Brand(CurrentPolicy current) {
        this.current = current;
    }

    /** The header's and titles' brand: the service the policy covers when it names one ("Gestan Cloud"), else the controller. */
    @ModelAttribute("brand")
    String brand() {
        var controller = current.policy().controller();
        return controller.service() == null ? controller.name() : controller.service();
    }

    /** The footer's name: the controller, who answers for the data ("ICS-Informatique SARL"). */
    @ModelAttribute("controllerName")
    String controllerName() {
        return current.policy().controller().name();
    }
}
