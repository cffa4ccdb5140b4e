package org.charte.rights.internal;

import java.io.IOException;
import java.util.UUID;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The back office's verification steps (R9.5, L1): a new code, the identity checked by staff, an identity document received and checked. */
@PageController
class VerificationSteps {

    private final RequestPage page;
    private final IdentityVerification verification;
    private final IdentityDocuments documents;

    VerificationSteps(RequestPage page, IdentityVerification verification, IdentityDocuments documents) {
        this.page = page;
        this.verification = verification;
        this.documents = documents;
    }

    @PostMapping("/backoffice/droits/{id}/code")
    String sendCode(@PathVariable UUID id, Authentication authentication, Model model, RedirectAttributes redirect) {
        return page.step(id, authentication, model, redirect, "rights.bo.code-sent", staff -> verification.sendCode(id, staff));
    }

    @PostMapping("/backoffice/droits/{id}/verification")
    String verified(@PathVariable UUID id, @RequestParam(required = false) @Nullable String how,
            @RequestParam(required = false) @Nullable String subjectId, Authentication authentication, Model model, RedirectAttributes redirect) {
        return page.step(id, authentication, model, redirect, "rights.bo.verified", staff -> {
            UUID subject = null;
            if (subjectId != null && !subjectId.isBlank()) {
                subject = PrivacyCentrePages.parse(subjectId.strip());
                if (subject == null) {
                    throw new InvalidInputException("subjectId", "must be a person's id (a UUID)", "rights.problem.person-id");
                }
            }
            verification.verifiedByStaff(staff, id, subject, how == null ? "" : how);
        });
    }

    @PostMapping("/backoffice/droits/{id}/document")
    String document(@PathVariable UUID id, @RequestParam(name = "document", required = false) @Nullable MultipartFile document,
            Authentication authentication, Model model, RedirectAttributes redirect) {
        return page.step(id, authentication, model, redirect, "rights.bo.document-received", staff -> {
            try {
                documents.receive(staff, id, document == null ? new byte[0] : document.getBytes(),
                        document == null || document.getContentType() == null ? "application/octet-stream" : document.getContentType());
            } catch (IOException e) {
                throw new InvalidInputException("document", "the file could not be read", "rights.problem.file-unreadable");
            }
        });
    }

    @PostMapping("/backoffice/droits/{id}/document/{documentId}/verifie")
    String documentChecked(@PathVariable UUID id, @PathVariable UUID documentId, Authentication authentication, Model model,
            RedirectAttributes redirect) {
        return page.step(id, authentication, model, redirect, "rights.bo.document-deleted", staff -> documents.checked(staff, id, documentId));
    }
}
