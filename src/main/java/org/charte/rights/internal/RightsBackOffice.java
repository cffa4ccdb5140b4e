package org.charte.rights.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.CurrentActor;
import org.charte.access.Objections;
import org.charte.common.InvalidInputException;
import org.charte.rights.RequestChannel;
import org.charte.rights.RequestClock;
import org.charte.rights.RequestType;
import org.charte.rights.RightsRequest;
import org.charte.rights.RightsRequests;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The DPO's pages (R9.5, R9.7): every open request with its clock, the near-due (7 days or less)
 * and overdue ones flagged; a request's page with its clock, history and the steps that remain.
 * Staff of sales administration may record a request received by post or e-mail too. A refused
 * step shows its reason and changes nothing.
 */
@Controller
class RightsBackOffice {

    private final RightsRequests requests;
    private final CurrentActor actors;
    private final RequestStore store;
    private final AnswerDelivery delivery;
    private final java.util.Map<RequestType, Fulfilment> fulfilments;
    private final Objections objections;
    private final RightsMails mails;
    private final RestrictionLifting lifting;

    RightsBackOffice(RightsRequests requests, CurrentActor actors, RequestStore store, AnswerDelivery delivery, List<Fulfilment> fulfilments,
            Objections objections, RightsMails mails, RestrictionLifting lifting) {
        this.lifting = lifting;
        this.requests = requests;
        this.actors = actors;
        this.store = store;
        this.delivery = delivery;
        this.fulfilments = fulfilments.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Fulfilment::type, f -> f));
        this.objections = objections;
        this.mails = mails;
    }

    @GetMapping("/backoffice/droits")
    String list(Model model) {
        LocalDate today = store.today();
        List<RightsRequest> open = requests.open();
        model.addAttribute("today", today);
        model.addAttribute("open", open);
        model.addAttribute("overdue", open.stream().filter(r -> r.state(today) == RequestClock.State.OVERDUE).count());
        model.addAttribute("nearDue", open.stream().filter(r -> r.state(today) == RequestClock.State.NEAR_DUE).count());
        model.addAttribute("closed", requests.closed(50));
        return "rights/requests";
    }

    @GetMapping("/backoffice/droits/nouvelle")
    String newForm(Model model) {
        model.addAttribute("types", RequestType.values());
        model.addAttribute("today", store.today());
        return "rights/new-request";
    }

    @PostMapping("/backoffice/droits/nouvelle")
    String record(Authentication authentication, @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate receivedOn,
            @RequestParam(required = false) @Nullable String name, @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String postalAddress, @RequestParam(required = false) @Nullable String details,
            @RequestParam(required = false) @Nullable String language, Model model, RedirectAttributes redirect) {
        Actor staff = actors.of(authentication);
        try {
            RequestType chosen = type == null ? null : RequestType.ofCode(type).orElse(null);
            RequestChannel via = channel == null ? null : RequestChannel.ofCode(channel).orElse(null);
            if (chosen == null || via == null) {
                throw new InvalidInputException(chosen == null ? "type" : "channel", "choose one");
            }
            RightsRequest recorded = requests.record(staff, new RightsRequests.NewRequest(chosen, via, receivedOn,
                    new RightsRequests.Claimant(name == null ? "" : name, email, postalAddress, details),
                    Languages.of(language)));
            redirect.addFlashAttribute("notice", "rights.bo.recorded");
            boolean dpo = authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_DPO"));
            return dpo ? "redirect:/backoffice/droits/" + recorded.id() : "redirect:/backoffice/droits/nouvelle";
        } catch (InvalidInputException e) {
            model.addAttribute("types", RequestType.values());
            model.addAttribute("today", store.today());
            model.addAttribute("error", e.errors());
            return "rights/new-request";
        }
    }

    @GetMapping("/backoffice/droits/{id}")
    String request(@PathVariable UUID id, Authentication authentication, Model model) {
        RightsRequest request = requests.find(id).orElseThrow(UnknownRequestException::new);
        LocalDate today = store.today();
        model.addAttribute("request", request);
        model.addAttribute("today", today);
        model.addAttribute("due", request.clock().dueOn(today));
        model.addAttribute("firstMonthEnds", request.clock().firstMonthEnds(today));
        model.addAttribute("state", request.state(today).name().toLowerCase(Locale.ROOT).replace('_', '-'));
        model.addAttribute("daysLeft", request.clock().daysLeft(today));
        model.addAttribute("claimant", requests.claimant(actors.of(authentication), id));
        model.addAttribute("history", requests.history(id));
        model.addAttribute("files", requests.answerFiles(id));
        model.addAttribute("documents", requests.identityDocuments(id));
        model.addAttribute("automated", fulfilments.containsKey(request.type()) && request.type() != RequestType.RECTIFICATION);
        model.addAttribute("rectification", request.type() == RequestType.RECTIFICATION);
        model.addAttribute("dataFields", RECTIFIABLE);
        model.addAttribute("liftable", lifting.liftable(request).orElse(null));
        model.addAttribute("liftReasons", RestrictionLifting.REASONS);
        return "rights/request";
    }

    /** One step on a request: done and back to its page, or its page again with the reason it was refused. */
    private String step(UUID id, Authentication authentication, Model model, RedirectAttributes redirect, String notice, Step step) {
        try {
            step.run(actors.of(authentication));
            redirect.addFlashAttribute("notice", notice);
            return "redirect:/backoffice/droits/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.errors());
            return request(id, authentication, model);
        }
    }

    interface Step {
        void run(Actor staff);
    }

    @PostMapping("/backoffice/droits/{id}/code")
    String sendCode(@PathVariable UUID id, Authentication authentication, Model model, RedirectAttributes redirect) {
        return step(id, authentication, model, redirect, "rights.bo.code-sent", staff -> requests.sendCode(id, staff));
    }

    @PostMapping("/backoffice/droits/{id}/verification")
    String verified(@PathVariable UUID id, @RequestParam(required = false) @Nullable String how,
            @RequestParam(required = false) @Nullable String subjectId, Authentication authentication, Model model, RedirectAttributes redirect) {
        return step(id, authentication, model, redirect, "rights.bo.verified", staff -> {
            UUID subject = null;
            if (subjectId != null && !subjectId.isBlank()) {
                subject = PrivacyCentrePages.parse(subjectId.strip());
                if (subject == null) {
                    throw new InvalidInputException("subjectId", "must be a person's id (a UUID)");
                }
            }
            requests.verifiedByStaff(staff, id, subject, how == null ? "" : how);
        });
    }

    @PostMapping("/backoffice/droits/{id}/document")
    String document(@PathVariable UUID id, @RequestParam(name = "document", required = false) @Nullable MultipartFile document,
            Authentication authentication, Model model, RedirectAttributes redirect) {
        return step(id, authentication, model, redirect, "rights.bo.document-received", staff -> {
            try {
                requests.receiveIdentityDocument(staff, id, document == null ? new byte[0] : document.getBytes(),
                        document == null || document.getContentType() == null ? "application/octet-stream" : document.getContentType());
            } catch (IOException e) {
                throw new InvalidInputException("document", "the file could not be read");
            }
        });
    }

    @PostMapping("/backoffice/droits/{id}/document/{documentId}/verifie")
    String documentChecked(@PathVariable UUID id, @PathVariable UUID documentId, Authentication authentication, Model model,
            RedirectAttributes redirect) {
        return step(id, authentication, model, redirect, "rights.bo.document-deleted", staff -> requests.identityDocumentChecked(staff, id, documentId));
    }

    @PostMapping("/backoffice/droits/{id}/information")
    String askInformation(@PathVariable UUID id, @RequestParam(required = false) @Nullable String what, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        return step(id, authentication, model, redirect, "rights.bo.information-asked", staff -> requests.askForInformation(staff, id, what == null ? "" : what));
    }

    @PostMapping("/backoffice/droits/{id}/information-recue")
    String informationReceived(@PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate on,
            Authentication authentication, Model model, RedirectAttributes redirect) {
        return step(id, authentication, model, redirect, "rights.bo.information-received", staff -> requests.informationReceived(staff, id, on));
    }

    @PostMapping("/backoffice/droits/{id}/prolongation")
    String extend(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reasons, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        return step(id, authentication, model, redirect, "rights.bo.extended-now", staff -> requests.extend(staff, id, reasons == null ? "" : reasons));
    }

    @PostMapping("/backoffice/droits/{id}/refus")
    String refuse(@PathVariable UUID id, @RequestParam(required = false) @Nullable String ground,
            @RequestParam(required = false) @Nullable String reasons, Authentication authentication, Model model, RedirectAttributes redirect) {
        return step(id, authentication, model, redirect, "rights.bo.refused", staff -> {
            RightsRequests.RefusalGround chosen = "manifestly-unfounded".equals(ground) ? RightsRequests.RefusalGround.MANIFESTLY_UNFOUNDED
                    : "excessive".equals(ground) ? RightsRequests.RefusalGround.EXCESSIVE : null;
            requests.refuse(staff, id, chosen, reasons == null ? "" : reasons);
        });
    }

    @PostMapping("/backoffice/droits/{id}/production")
    String produce(@PathVariable UUID id, Authentication authentication, Model model, RedirectAttributes redirect) {
        return step(id, authentication, model, redirect, "rights.bo.answered", staff -> requests.produceAnswer(staff, id));
    }

    @PostMapping("/backoffice/droits/{id}/reponse")
    String answer(@PathVariable UUID id, @RequestParam(required = false) @Nullable String answer, Authentication authentication,
            Model model, RedirectAttributes redirect) {
        return step(id, authentication, model, redirect, "rights.bo.answered", staff -> requests.answerManually(staff, id, answer == null ? "" : answer));
    }

    /** The DPO lifts the restriction this request obtained: the person is told first (Art. 18(3), L5). */
    @PostMapping("/backoffice/droits/{id}/levee-limitation")
    String liftRestriction(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable String toldByPost, Authentication authentication, Model model, RedirectAttributes redirect) {
        RightsRequest request = requests.find(id).orElseThrow(UnknownRequestException::new);
        return step(id, authentication, model, redirect, "rights.bo.restriction-lifted",
                staff -> lifting.lift(staff, request, reason, "on".equals(toldByPost) || "true".equals(toldByPost)));
    }

    /** The fields of a rectification the DPO reviews, in the form's order. */
    static final List<String> RECTIFIABLE = List.of(RectificationFulfilment.CIVILITY, RectificationFulfilment.LAST_NAME,
            RectificationFulfilment.FIRST_NAMES, RectificationFulfilment.BIRTH_DATE, RectificationFulfilment.NEW_EMAIL, RectificationFulfilment.PHONE,
            RectificationFulfilment.ADDRESS_LINE, RectificationFulfilment.POSTAL_CODE, RectificationFulfilment.COMMUNE,
            RectificationFulfilment.OTHER_INFORMATION);

    /** The DPO applies a rectification, as the person asked it or as read in their letter (R9.1, L5). */
    @PostMapping("/backoffice/droits/{id}/rectification")
    String rectify(@PathVariable UUID id, @RequestParam java.util.Map<String, String> form, Authentication authentication, Model model,
            RedirectAttributes redirect) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String field : RECTIFIABLE) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                fields.put(field, value);
            }
        }
        return step(id, authentication, model, redirect, "rights.bo.rectified", staff -> requests.applyRectification(staff, id, fields));
    }

    /** A pending objection as the DPO's list shows it: the request it came with, when there is one. */
    record PendingObjection(Objections.Objection objection, String purpose, @Nullable RightsRequest request) {}

    /** Objections to a legitimate-interest purpose waiting for the DPO's decision (R1.3, R9.2), oldest first. */
    @GetMapping("/backoffice/droits/oppositions")
    String objections(Model model, java.util.Locale locale) {
        List<PendingObjection> pending = objections.pending().stream().map(o -> {
            UUID requestId = o.reference() == null ? null : PrivacyCentrePages.parse(o.reference());
            return new PendingObjection(o, mails.purpose(o.purpose(), locale), requestId == null ? null : requests.find(requestId).orElse(null));
        }).toList();
        model.addAttribute("pending", pending);
        return "rights/objections";
    }

    @PostMapping("/backoffice/droits/oppositions/{id}/decision")
    String decideObjection(@PathVariable("id") UUID objectionId, @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String reasons, Authentication authentication, Model model, java.util.Locale locale,
            RedirectAttributes redirect) {
        try {
            Objections.Outcome chosen = "upheld".equals(outcome) ? Objections.Outcome.UPHELD
                    : "rejected".equals(outcome) ? Objections.Outcome.REJECTED : null;
            requests.decideObjection(actors.of(authentication), objectionId, chosen, reasons);
            redirect.addFlashAttribute("notice", "rights.bo.objection-decided");
            return "redirect:/backoffice/droits/oppositions";
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.errors());
            return objections(model, locale);
        }
    }

    /** An answer's file, for the DPO to post it to a person who wrote by post. */
    @GetMapping("/backoffice/droits/{id}/fichiers/{fileId}")
    ResponseEntity<byte[]> file(@PathVariable UUID id, @PathVariable UUID fileId, Authentication authentication) {
        boolean ours = requests.answerFiles(id).stream().anyMatch(f -> f.id().equals(fileId));
        if (!ours) {
            throw new UnknownRequestException();
        }
        AnswerDelivery.Delivered file = delivery.file(fileId);
        store.step(id, actors.of(authentication).typedId(), "answer-file-downloaded", file.fileName());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.content());
    }
}
