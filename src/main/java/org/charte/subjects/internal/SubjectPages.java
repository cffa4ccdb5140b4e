package org.charte.subjects.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.access.StaffDirectory;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.policy.Policy;
import org.charte.subjects.Subjects;
import org.charte.subjects.UnknownSubjectException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The back office's search and person pages. The person chooses, on the page, the purpose of
 * each consultation among their role's purposes; the decision point decides and the audit log
 * records it, as for the API (a refusal is the 403 page with its reason).
 */
@PageController
class SubjectPages {

    private final Subjects subjects;
    private final CurrentActor actors;
    private final StaffDirectory staff;
    private final Policy policy;

    SubjectPages(Subjects subjects, CurrentActor actors, StaffDirectory staff, Policy policy) {
        this.subjects = subjects;
        this.actors = actors;
        this.staff = staff;
        this.policy = policy;
    }

    /** The purposes the signed-in person's role may use, for the page's select. */
    private List<Policy.Purpose> purposes(Authentication authentication) {
        String role = staff.find(authentication.getName()).map(m -> m.role()).orElse("");
        return policy.role(role).map(r -> r.purposes().stream().flatMap(p -> policy.purpose(p).stream()).toList()).orElse(List.of());
    }

    @GetMapping("/backoffice/personnes")
    String search(@RequestParam(name = "email", required = false) @Nullable String email,
            @RequestParam(name = "phone", required = false) @Nullable String phone,
            @RequestParam(name = "name", required = false) @Nullable String name,
            @RequestParam(name = "purpose", required = false) @Nullable String purpose, Authentication authentication, Model model) {
        model.addAttribute("purposes", purposes(authentication));
        model.addAttribute("email", email);
        model.addAttribute("phone", phone);
        model.addAttribute("name", name);
        model.addAttribute("purpose", purpose);
        boolean asked = !blank(email) || !blank(phone) || !blank(name);
        if (asked) {
            try {
                model.addAttribute("results", subjects.search(actors.of(authentication), purpose == null ? "" : purpose,
                        new Subjects.Criteria(email, phone, name)));
            } catch (InvalidInputException e) {
                // Each field in the page's words (L10), never its code nor what was typed.
                model.addAttribute("invalid", e.errors().stream().map(f -> "persons.field." + f.field()).distinct().toList());
            }
        }
        return "subjects/search";
    }

    @GetMapping("/backoffice/personnes/{id}")
    String person(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @RequestParam(name = "other", required = false) @Nullable String other, Authentication authentication, Model model) {
        if (subjects.status(id).isEmpty()) {
            throw new UnknownSubjectException();
        }
        model.addAttribute("id", id);
        model.addAttribute("purposes", purposes(authentication));
        model.addAttribute("purpose", purpose);
        if (!blank(purpose)) {
            Set<String> categories = new LinkedHashSet<>();
            policy.purpose(purpose).ifPresent(p -> p.categories().stream()
                    .filter(c -> c.equals(Subjects.IDENTITY) || c.equals(Subjects.CONTACT)).forEach(categories::add));
            if (other != null) {
                categories.add(Subjects.OTHER_INFORMATION);
            }
            model.addAttribute("person", categories.isEmpty() ? subjects.read(actors.of(authentication), purpose, id)
                    : subjects.read(actors.of(authentication), purpose, categories, id));
        }
        return "subjects/person";
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
