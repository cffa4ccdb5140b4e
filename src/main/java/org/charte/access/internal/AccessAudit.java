package org.charte.access.internal;

import java.util.List;
import java.util.Locale;
import org.charte.access.AccessRequest;
import org.charte.access.Decision;
import org.charte.access.ResourceRef;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.policy.Policy;
import org.springframework.stereotype.Component;

/**
 * Records every decision of the access point in the audit log (R6.5), allowed and refused alike.
 * Only the policy's own codes go in: a purpose or category the policy does not know is recorded
 * as unknown, never quoted, since a caller's free text could hold personal data.
 */
@Component
class AccessAudit {

    private final AuditLog log;
    private final Policy policy;

    AccessAudit(AuditLog log, Policy policy) {
        this.log = log;
        this.policy = policy;
    }

    void decided(AccessRequest request, Decision decision) {
        boolean knownPurpose = policy.purpose(request.purpose()).isPresent();
        boolean knownCategories = request.categories().stream().allMatch(c -> policy.dataCategory(c).isPresent());
        List<String> categories = request.categories().stream().filter(c -> policy.dataCategory(c).isPresent()).sorted().toList();
        String reason = !knownPurpose ? "unknown purpose" : !knownCategories ? "unknown data category" : decision.reason();
        ResourceRef resource = request.resource();
        log.append(new AuditEvent(request.actor().typedId(), request.action().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                knownPurpose ? request.purpose() : null, resource.code(), resource.id().toString(),
                resource.type() == ResourceRef.Type.SUBJECT ? resource.id() : null, categories,
                decision.allowed() ? AuditOutcome.ALLOWED : AuditOutcome.DENIED, reason));
    }
}
