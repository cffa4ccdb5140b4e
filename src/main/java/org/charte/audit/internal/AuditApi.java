package org.charte.audit.internal;

import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit log's integrity, for the DPO's tools (the security configuration reserves it to the DPO). */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApi {

    private final AuditLog log;

    AuditApi(AuditLog log) {
        this.log = log;
    }

    /** Walks the whole chain: intact, or the first problem with its kind and entry. */
    @GetMapping("/verify")
    AuditVerification verify() {
        return log.verify();
    }
}
