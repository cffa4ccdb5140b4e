package org.charte.retention.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.CurrentActor;
import org.charte.access.StaffDirectory;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Browsing the intermediate archive (L4, archivage intermédiaire) in the back office: the roles an
 * obligation names list its entries by obligation, former person id or record reference, and open one
 * for the obligation's purpose. Every listing and opening goes through {@link IntermediateArchive}: the
 * listing is allowed to those roles only and audited, an opening is decided by the decision point
 * (under a grant on the former person) and audited. Reached from the retention page.
 */
@PageController
class ArchivePages {

    private final IntermediateArchive archive;
    private final CurrentActor actors;
    private final StaffDirectory staff;
    private final Policy policy;

    ArchivePages(IntermediateArchive archive, CurrentActor actors, StaffDirectory staff, Policy policy) {
        this.archive = archive;
        this.actors = actors;
        this.staff = staff;
        this.policy = policy;
    }

    /** An obligation offered in the form: its id, label and reference. */
    public record ObligationOption(String id, String label, String reference, String purpose) {}

    @GetMapping("/backoffice/conservation/archive")
    ModelAndView list(Authentication authentication, @RequestParam(required = false) @Nullable String purpose,
            @RequestParam(required = false) @Nullable String obligation, @RequestParam(required = false) @Nullable String formerSubjectId,
            @RequestParam(required = false) @Nullable String recordId, @RequestParam(required = false) @Nullable String page, Locale locale,
            Model model) {
        Actor actor = actors.of(authentication);
        List<ObligationOption> options = options(actor, locale);
        boolean searched = obligation != null || formerSubjectId != null || recordId != null;
        // By default, the first obligation that names the role (a role none names is refused by the archive itself).
        String chosenObligation = searched ? obligation : options.isEmpty() ? null : options.getFirst().id();
        String chosenPurpose = purpose != null ? purpose : options.isEmpty() ? null : options.getFirst().purpose();
        model.addAttribute("obligations", options);
        model.addAttribute("purposes", options.stream().map(ObligationOption::purpose).distinct().toList());
        Map<String, String> purposeLabels = new LinkedHashMap<>();
        options.forEach(o -> purposeLabels.computeIfAbsent(o.purpose(), p -> policy.purpose(p).map(d -> d.label().in(locale)).orElse(p)));
        model.addAttribute("purposeLabels", purposeLabels);
        model.addAttribute("obligation", chosenObligation == null ? "" : chosenObligation);
        model.addAttribute("purpose", chosenPurpose == null ? "" : chosenPurpose);
        model.addAttribute("formerSubjectId", uuidOrEmpty(formerSubjectId));
        model.addAttribute("recordId", uuidOrEmpty(recordId));
        model.addAttribute("english", english(locale));
        model.addAttribute("switchTo", "/backoffice/conservation/archive" + (english(locale) ? "" : "?lang=en"));
        List<FieldError> errors = new ArrayList<>();
        Integer pageNumber = null;
        if (page != null && !page.isBlank()) {
            try {
                pageNumber = Integer.valueOf(page.strip());
            } catch (NumberFormatException e) {
                errors.add(new FieldError("page", "must be a number"));
            }
        }
        try {
            InvalidInputException.throwIfAny(errors);
            IntermediateArchive.Page found = archive.list(actor, chosenPurpose,
                    new IntermediateArchive.Search(chosenObligation, formerSubjectId, recordId, pageNumber, IntermediateArchive.DEFAULT_PAGE_SIZE));
            model.addAttribute("found", found);
            model.addAttribute("labels", labels(locale));
            model.addAttribute("query", query(chosenPurpose, chosenObligation, formerSubjectId, recordId, locale));
            return new ModelAndView("retention/archive", model.asMap());
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.errors().stream().map(FieldError::field).distinct().toList());
            ModelAndView view = new ModelAndView("retention/archive", model.asMap());
            view.setStatus(HttpStatus.BAD_REQUEST);
            return view;
        }
    }

    @GetMapping("/backoffice/conservation/archive/{id}")
    ModelAndView open(Authentication authentication, @PathVariable String id, @RequestParam(required = false) @Nullable String purpose,
            Locale locale, Model model) {
        Actor actor = actors.of(authentication);
        if (options(actor, locale).isEmpty()) {
            // Not a role any obligation names: refused, whatever the entry (the archive records the refusal).
            archive.list(actor, purpose, new IntermediateArchive.Search(null, null, null, null, null));
        }
        UUID entryId = uuidOrNull(id);
        if (entryId == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("english", english(locale));
        model.addAttribute("switchTo", "/backoffice/conservation/archive/" + entryId + "?purpose=" + (purpose == null ? "" : urlCode(purpose))
                + (english(locale) ? "" : "&lang=en"));
        model.addAttribute("back", "/backoffice/conservation/archive" + (english(locale) ? "?lang=en" : ""));
        try {
            IntermediateArchive.Entry entry = archive.read(actor, purpose, entryId);
            model.addAttribute("entry", entry);
            model.addAttribute("labels", labels(locale));
            return new ModelAndView("retention/archive-entry", model.asMap());
        } catch (IntermediateArchive.UnknownEntryException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.errors().stream().map(FieldError::field).distinct().toList());
            ModelAndView view = new ModelAndView("retention/archive-entry", model.asMap());
            view.setStatus(HttpStatus.BAD_REQUEST);
            return view;
        }
    }

    private List<ObligationOption> options(Actor actor, Locale locale) {
        String role = actor.kind() == Actor.Kind.STAFF ? staff.find(actor.id()).map(m -> m.role()).orElse("") : "";
        return policy.archive().stream().filter(o -> o.roles().contains(role))
                .map(o -> new ObligationOption(o.id(), o.label().in(locale), o.reference(), o.purpose())).toList();
    }

    private Map<String, String> labels(Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        policy.archive().forEach(o -> labels.put(o.id(), o.label().in(locale)));
        return labels;
    }

    /** The query string of the listing, for the previous and next links: codes and ids only. */
    private static String query(@Nullable String purpose, @Nullable String obligation, @Nullable String formerSubjectId, @Nullable String recordId,
            Locale locale) {
        StringBuilder query = new StringBuilder("purpose=").append(purpose == null ? "" : urlCode(purpose));
        if (obligation != null) {
            query.append("&obligation=").append(urlCode(obligation));
        }
        query.append("&formerSubjectId=").append(uuidOrEmpty(formerSubjectId)).append("&recordId=").append(uuidOrEmpty(recordId));
        if (english(locale)) {
            query.append("&lang=en");
        }
        return query.toString();
    }

    private static String urlCode(String code) {
        return code.matches("[a-z0-9-]{1,40}") ? code : "";
    }

    private static String uuidOrEmpty(@Nullable String value) {
        UUID id = uuidOrNull(value);
        return id == null ? "" : id.toString();
    }

    private static @Nullable UUID uuidOrNull(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String text = value.strip();
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }
}
