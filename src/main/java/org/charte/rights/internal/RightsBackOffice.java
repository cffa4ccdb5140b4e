package org.charte.rights.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.CurrentActor;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The DPO's pages (R9.5, R9.7): the requests with their clocks ({@link RequestListing}), the near-due
 * (7 days or less) and overdue ones flagged; a request's page ({@link RequestPage}) with its clock, history and the
 * steps that remain ({@link VerificationSteps}, {@link DeadlineSteps}, {@link AnswerSteps}). Staff
 * of sales administration may record a request received by post or e-mail too. A refused step
 * shows its reason and changes nothing.
 */
@PageController
class RightsBackOffice {

    private final RequestIntake intake;
    private final RequestAnswers answers;
    private final RequestPage page;
    private final CurrentActor actors;
    private final RequestStore store;
    private final AnswerDelivery delivery;
    private final RequestListing listing;

    RightsBackOffice(RequestIntake intake, RequestAnswers answers, RequestPage page, CurrentActor actors, RequestStore store,
            AnswerDelivery delivery, RequestListing listing) {
        this.listing = listing;
        this.intake = intake;
        this.answers = answers;
        this.page = page;
        this.actors = actors;
        this.store = store;
        this.delivery = delivery;
    }

    /**
     * The list, filtered by its GET parameters ({@code state}, {@code type}, {@code overdue}, {@code q},
     * {@code page}); a bad one is named on the page (400), the list then shown unfiltered. With no
     * filter, the recently closed requests follow.
     */
    @GetMapping("/backoffice/droits")
    ModelAndView list(Authentication authentication, @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String type, @RequestParam(required = false) @Nullable String overdue,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String page, Model model) {
        LocalDate today = store.today();
        List<RightsRequest> open = store.open();
        model.addAttribute("today", today);
        model.addAttribute("openCount", open.size());
        model.addAttribute("overdueCount", open.stream().filter(r -> r.state(today) == RequestClock.State.OVERDUE).count());
        model.addAttribute("nearDueCount", open.stream().filter(r -> r.state(today) == RequestClock.State.NEAR_DUE).count());
        model.addAttribute("states", RequestListing.STATES);
        model.addAttribute("types", RequestType.values());
        RequestListing.Filter filter;
        HttpStatus status = HttpStatus.OK;
        try {
            filter = RequestListing.Filter.of(state, type, overdue, q, page);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.errors().stream().map(InvalidInputException.FieldError::field).distinct().toList());
            filter = RequestListing.Filter.of(null, null, null, null, null);
            status = HttpStatus.BAD_REQUEST;
        }
        // who reaches this page handles rights requests (the DPO); anyone else would see references only
        boolean handlesRequests = authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_DPO"));
        model.addAttribute("filter", filter);
        model.addAttribute("listing", listing.list(actors.of(authentication), handlesRequests, filter));
        model.addAttribute("closed", filter.unfiltered() && status == HttpStatus.OK ? store.closed(20) : List.of());
        ModelAndView view = new ModelAndView("rights/requests", model.asMap());
        view.setStatus(status);
        return view;
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
                throw new InvalidInputException(chosen == null ? "type" : "channel", "choose one", "rights.problem.choose-one");
            }
            RightsRequest recorded = intake.record(staff, new RightsRequests.NewRequest(chosen, via, receivedOn,
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
        return page.show(id, authentication, model);
    }

    /** An answer's file, for the DPO to post it to a person who wrote by post. */
    @GetMapping("/backoffice/droits/{id}/fichiers/{fileId}")
    ResponseEntity<byte[]> file(@PathVariable UUID id, @PathVariable UUID fileId, Authentication authentication) {
        boolean ours = answers.files(id).stream().anyMatch(f -> f.id().equals(fileId));
        if (!ours) {
            throw new UnknownRequestException();
        }
        AnswerDelivery.Delivered file = delivery.handOver(fileId, actors.of(authentication).typedId());
        store.step(id, actors.of(authentication).typedId(), "answer-file-downloaded", file.fileName());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.content());
    }
}
