package org.charte.access.internal;

import org.charte.access.AccessRequest;
import org.charte.access.Decision;
import org.springframework.stereotype.Component;

/** Records every decision of the access point in the audit log (R6.5): allowed and refused alike. */
@Component
class AccessAudit {

    void decided(AccessRequest request, Decision decision) {
        // Wired to the audit module's log when it lands (see the audit branch).
    }
}
