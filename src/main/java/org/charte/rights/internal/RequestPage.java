package org.charte.rights.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.AccessWords;
import org.charte.access.CurrentActor;
import org.charte.common.InvalidInputException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A request's page in the back office (R9.5, R9.7): its clock, what the person gave (opened under
 * the audit log), its history, files and identity documents, and the steps that remain. A step
 * taken from it goes back to the page when done, or shows the page again with the reason it was
 * refused, having changed nothing.
 */
@Component
class RequestPage {

    /** The fields of a rectification the DPO reviews, in the form's order. */
    static final List<String> RECTIFIABLE = List.of(RectificationFulfilment.CIVILITY, RectificationFulfilment.LAST_NAME,
            RectificationFulfilment.FIRST_NAMES, RectificationFulfilment.BIRTH_DATE, RectificationFulfilment.NEW_EMAIL, RectificationFulfilment.PHONE,
            RectificationFulfilment.ADDRESS_LINE, RectificationFulfilment.POSTAL_CODE, RectificationFulfilment.COMMUNE,
            RectificationFulfilment.OTHER_INFORMATION);

    private final RequestStore store;
    private final RequestIntake intake;
    private final RequestAnswers answers;
    private final IdentityDocuments documents;
    private final RestrictionLifting lifting;
    private final CurrentActor actors;
    private final AccessWords words;
    private final HistoryNotes notes;

    RequestPage(RequestStore store, RequestIntake intake, RequestAnswers answers, IdentityDocuments documents, RestrictionLifting lifting,
            CurrentActor actors, AccessWords words, HistoryNotes notes) {
        this.words = words;
        this.notes = notes;
        this.store = store;
        this.intake = intake;
        this.answers = answers;
        this.documents = documents;
        this.lifting = lifting;
        this.actors = actors;
    }

    String show(UUID id, Authentication authentication, Model model) {
        return show(id, authentication, model, LocaleContextHolder.getLocale());
    }

    private String show(UUID id, Authentication authentication, Model model, Locale locale) {
        RightsRequest request = store.load(id).orElseThrow(UnknownRequestException::new);
        LocalDate today = store.today();
        model.addAttribute("request", request);
        model.addAttribute("today", today);
        model.addAttribute("due", request.clock().dueOn(today));
        model.addAttribute("firstMonthEnds", request.clock().firstMonthEnds(today));
        model.addAttribute("state", request.state(today).name().toLowerCase(Locale.ROOT).replace('_', '-'));
        // days left, or days overdue: the state's wording says which
        model.addAttribute("days", Math.abs(request.clock().daysLeft(today)));
        model.addAttribute("claimant", intake.claimant(actors.of(authentication), id));
        List<RightsRequests.Step> history = store.history(id);
        model.addAttribute("history", history);
        // Who took each step, in words (L10): a member of staff's name, Charte (automatic), never a typed id.
        Map<String, String> actorNames = new LinkedHashMap<>();
        history.forEach(s -> actorNames.computeIfAbsent(s.actor(), a -> words.actor(a, locale)));
        model.addAttribute("actorNames", actorNames);
        // Each step's note: what Charte records in codes (by the step's kind: a channel, a day, fields; how an identity was verified,
        // an erasure's run and proof) in words, staff's text as typed.
        Map<RightsRequests.Step, String> worded = new LinkedHashMap<>();
        history.stream().filter(s -> s.note() != null).forEach(s -> worded.computeIfAbsent(s,
                t -> notes.words(t.kind(), t.note(), locale).orElseGet(() -> words.reason(t.note(), locale))));
        model.addAttribute("notes", worded);
        model.addAttribute("files", answers.files(id));
        model.addAttribute("documents", documents.of(id));
        model.addAttribute("automated", answers.carriesOut(request.type()) && request.type() != RequestType.RECTIFICATION);
        model.addAttribute("rectification", request.type() == RequestType.RECTIFICATION);
        // Charte carries the right out (above this form, or once the DPO decides): the free answer is the other way, not the only one
        model.addAttribute("carriedOut", answers.carriesOut(request.type()));
        model.addAttribute("dataFields", RECTIFIABLE);
        model.addAttribute("liftable", lifting.liftable(request).orElse(null));
        model.addAttribute("liftReasons", RestrictionLifting.REASONS);
        return "rights/request";
    }

    /** One step on a request: done and back to its page, or its page again with the reason it was refused. */
    String step(UUID id, Authentication authentication, Model model, RedirectAttributes redirect, String notice, Step step) {
        try {
            step.run(actors.of(authentication));
            redirect.addFlashAttribute("notice", notice);
            return "redirect:/backoffice/droits/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.errors());
            return show(id, authentication, model);
        }
    }

    interface Step {
        void run(Actor staff);
    }
}
