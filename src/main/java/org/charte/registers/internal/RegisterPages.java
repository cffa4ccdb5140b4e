package org.charte.registers.internal;

import java.util.Locale;
import org.charte.common.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The DPO's registers (R7.2, R8.6): an index with every register's CSV and PDF, the transfers and the subcontractors. */
@PageController
class RegisterPages {

    private final RegisterExports exports;

    RegisterPages(RegisterExports exports) {
        this.exports = exports;
    }

    @GetMapping("/backoffice/registres")
    String index() {
        return "registers/index";
    }

    @GetMapping("/backoffice/registres/transferts")
    String transfers(Locale locale, Model model) {
        model.addAttribute("register", "transfers");
        model.addAttribute("table", exports.transfers(locale));
        return "registers/table";
    }

    @GetMapping("/backoffice/registres/sous-traitants")
    String subcontractors(Locale locale, Model model) {
        model.addAttribute("register", "subcontractors");
        model.addAttribute("table", exports.subcontractors(locale));
        return "registers/table";
    }
}
