package org.charte.rights.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessDecisions.AccessDeniedException;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.CurrentActor;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.common.UnknownIdException;
import org.charte.subjects.Identity;
import org.charte.subjects.PostMortem;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The DPO's check of deaths notified (R9.4): each notification awaiting its evidence, with what the
 * directives will do once it is confirmed; the certificate received (sealed until checked), then the
 * death confirmed (its reference, or the certificate checked and deleted) or rejected with reasons.
 */
@PageController
class DeathCheckPages {

    private static final String IDENTITY = "identity";

    /** A check, the person's name when the DPO may read it, and what confirming it would carry out. */
    record Row(DeathChecks.Check check, @Nullable String person, List<String> actions, @Nullable String note) {}

    private final DeathChecks checks;
    private final PostMortem postMortem;
    private final CurrentActor actors;
    private final Subjects subjects;

    DeathCheckPages(DeathChecks checks, PostMortem postMortem, CurrentActor actors, Subjects subjects) {
        this.checks = checks;
        this.postMortem = postMortem;
        this.actors = actors;
        this.subjects = subjects;
    }

    @GetMapping("/backoffice/droits/deces")
    String list(Authentication authentication, Model model) {
        Actor actor = actors.of(authentication);
        model.addAttribute("awaiting", checks.awaiting().stream().map(c -> new Row(c, name(actor, c.subjectId()),
                postMortem.actions(c.subjectId()).stream()
                        .filter(a -> a.status() == PostMortem.ActionStatus.PENDING).map(a -> a.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .toList(), null)).toList());
        // decided checks name nobody: a confirmed death's file is erased, a rejected one is no longer the DPO's business
        model.addAttribute("decided", checks.decided(20).stream().map(c -> new Row(c, null, List.of(), checks.note(c.id()))).toList());
        return "rights/deaths";
    }

    /**
     * The person's name for the DPO, read through the decision point for the rights requests'
     * purpose (identity only, audited): shown when a grant allows it, as the one the check opened to
     * each DPO does ({@link PostMortemAccess}); null when refused (no grant: a DPO whose account came
     * after the check opened, or once the check is decided; the DPO reaches a person's data only
     * through an individual grant, like everyone) or already erased, and the page then shows the
     * identifier with the reason.
     */
    private @Nullable String name(Actor actor, UUID subjectId) {
        try {
            Identity identity = subjects.read(actor, PersonalFiles.PURPOSE, Set.of(IDENTITY), subjectId).identity();
            if (identity == null) {
                return null;
            }
            return identity.firstNames() == null ? identity.lastName() : identity.firstNames() + " " + identity.lastName();
        } catch (AccessDeniedException | UnknownIdException e) {
            return null;
        }
    }

    private String step(Authentication authentication, Model model, RedirectAttributes redirect, String notice, Runnable step) {
        try {
            step.run();
            redirect.addFlashAttribute("notice", notice);
            return "redirect:/backoffice/droits/deces";
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.errors());
            return list(authentication, model);
        }
    }

    @PostMapping("/backoffice/droits/deces/{id}/document")
    String document(@PathVariable UUID id, @RequestParam(name = "document", required = false) @Nullable MultipartFile document,
            Authentication authentication, Model model, RedirectAttributes redirect) {
        return step(authentication, model, redirect, "rights.bo.deaths.document-received", () -> {
            try {
                checks.receiveDocument(actors.of(authentication), id, document == null ? new byte[0] : document.getBytes(),
                        document == null ? null : document.getContentType());
            } catch (IOException e) {
                throw new InvalidInputException("document", "the file could not be read", "rights.problem.file-unreadable");
            }
        });
    }

    @PostMapping("/backoffice/droits/deces/{id}/confirmation")
    String confirm(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reference, Authentication authentication, Model model,
            RedirectAttributes redirect) {
        return step(authentication, model, redirect, "rights.bo.deaths.confirmed", () -> checks.confirm(actors.of(authentication), id, reference));
    }

    @PostMapping("/backoffice/droits/deces/{id}/rejet")
    String reject(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reasons, Authentication authentication, Model model,
            RedirectAttributes redirect) {
        return step(authentication, model, redirect, "rights.bo.deaths.rejected", () -> checks.reject(actors.of(authentication), id, reasons));
    }
}
