package org.charte.registers.internal;

import org.charte.common.BackofficeEntries;
import org.springframework.stereotype.Component;

/** The DPO's desk, the breach register and the registers (the registers' page leads to transfers, subcontractors, disclosures). */
@Component
class RegistersBackofficeEntries implements BackofficeEntries {

    @Override
    public void declare(Registry entries) {
        entries.page(5, "/backoffice/bureau-dpo", "nav.staff.desk");
        entries.page(60, "/backoffice/violations", "nav.staff.breaches");
        entries.page(62, "/backoffice/registres", "nav.staff.registers");
    }
}
