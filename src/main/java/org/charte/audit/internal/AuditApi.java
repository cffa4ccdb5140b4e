package org.charte.audit.internal;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.charte.audit.AuditCheckpoints;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.charte.common.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log's integrity, for the DPO's tools (the security configuration reserves it to the DPO),
 * and its signed checkpoints, published to anyone (R6.5).
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApi {

    static final int MAX_CHECKPOINTS = 1000;

    private final AuditLog log;
    private final AuditCheckpoints checkpoints;

    AuditApi(AuditLog log, AuditCheckpoints checkpoints) {
        this.log = log;
        this.checkpoints = checkpoints;
    }

    /** Walks the whole chain: intact, or the first problem with its kind and entry. */
    @GetMapping("/verify")
    AuditVerification verify() {
        return log.verify();
    }

    @GetMapping("/checkpoints")
    @Operation(summary = "The audit chain's signed checkpoints, newest first, and the keys that signed them (R6.5): no personal data, no sign-in",
            description = "Each checkpoint says that at signedAt the chain held entryCount entries, the last one's hash being headHash; "
                    + "signature is the Ed25519 signature (base64) by the key keyId (publicKey: X.509 SubjectPublicKeyInfo, base64) of the "
                    + "UTF-8 text `charte-audit-checkpoint/1\\n{entryCount}\\n{headHash}\\n{signedAt}\\n`. Keep this document outside Charte: "
                    + "`charte audit verify --checkpoints FILE` proves later that the chain still extends every checkpoint in it.")
    AuditCheckpoints.Document checkpoints(@RequestParam(name = "limit", required = false) @Nullable String limit) {
        int n = 100;
        if (limit != null) {
            if (!limit.matches("[0-9]{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_CHECKPOINTS) {
                throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_CHECKPOINTS);
            }
            n = Integer.parseInt(limit);
        }
        return checkpoints.document(n);
    }

    @PostMapping("/checkpoints")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Signs the audit chain's head now (the DPO, or a token with audit:read), as the schedule does every few minutes")
    AuditCheckpoints.PublishedCheckpoint sign(HttpServletRequest request) {
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            throw new InvalidInputException("body", "this operation takes no body: nothing was signed");
        }
        return AuditCheckpoints.PublishedCheckpoint.of(checkpoints.sign());
    }
}
