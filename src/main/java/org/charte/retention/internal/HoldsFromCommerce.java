package org.charte.retention.internal;

import org.charte.commerce.InvoicePaid;
import org.charte.commerce.InvoiceUnpaid;
import org.charte.commerce.LitigationClosed;
import org.charte.commerce.LitigationOpened;
import org.charte.retention.LegalHolds.Kind;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The automatic legal holds: an unpaid invoice holds that invoice until it is paid; a litigation
 * holds the whole person until it closes. Through the JDBC event publication registry, so a hold
 * is never lost to a crash between the commerce transaction and this one.
 */
@Component
class HoldsFromCommerce {

    private final LegalHoldService holds;

    HoldsFromCommerce(LegalHoldService holds) {
        this.holds = holds;
    }

    @ApplicationModuleListener
    void on(InvoiceUnpaid event) {
        holds.placeAutomatic(Kind.UNPAID_INVOICE, event.subjectId(), "invoice", event.invoiceId(), "invoice-unpaid", "invoice", event.invoiceId());
    }

    @ApplicationModuleListener
    void on(InvoicePaid event) {
        holds.releaseAutomatic("invoice", event.invoiceId());
    }

    @ApplicationModuleListener
    void on(LitigationOpened event) {
        holds.placeAutomatic(Kind.LITIGATION, event.subjectId(), null, null, "litigation-open", "litigation", event.litigationId());
    }

    @ApplicationModuleListener
    void on(LitigationClosed event) {
        holds.releaseAutomatic("litigation", event.litigationId());
    }
}
