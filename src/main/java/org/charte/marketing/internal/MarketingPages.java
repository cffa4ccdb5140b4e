package org.charte.marketing.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessDecisions.AccessDeniedException;
import org.charte.access.CurrentActor;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.common.Days;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.marketing.Basis;
import org.charte.marketing.Choices;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.Means;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.policy.Text;
import org.charte.subjects.Subjects;
import org.charte.subjects.UnknownSubjectException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The person's marketing page in the back office (R9.9, L5): per channel and purpose the current
 * basis, the whole history with who recorded each entry (names, not ids) and why, the capacity, and
 * the form customer service records an objection received by phone, letter, e-mail or at the desk
 * with. The purpose of the consultation is chosen on the page (customer-service by default).
 */
@PageController
class MarketingPages {

    static final String DEFAULT_PURPOSE = "customer-service";
    static final List<Means> RECEIVED = List.of(Means.PHONE, Means.LETTER, Means.DESK, Means.EMAIL);

    private final MarketingChoices choices;
    private final CurrentActor actors;
    private final StaffDirectory staff;
    private final Subjects subjects;
    private final Policy policy;

    MarketingPages(MarketingChoices choices, CurrentActor actors, StaffDirectory staff, Subjects subjects, Policy policy) {
        this.choices = choices;
        this.actors = actors;
        this.staff = staff;
        this.subjects = subjects;
        this.policy = policy;
    }

    /** One line of the page's table: a channel and a purpose, with its current basis if any. */
    record Cell(MarketingChannel channel, String purpose, @Nullable Basis current) {}

    /** One history line: the entry and who recorded it, by name. */
    record Line(Basis basis, String by, String when) {}


    @GetMapping("/backoffice/personnes/{id}/prospection")
    String page(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication, Model model) {
        if (subjects.status(id).isEmpty()) {
            throw new UnknownSubjectException();
        }
        String chosen = purpose == null || purpose.isBlank() ? DEFAULT_PURPOSE : purpose.strip();
        model.addAttribute("id", id);
        model.addAttribute("purpose", chosen);
        model.addAttribute("purposes", rolePurposes(authentication));
        model.addAttribute("marketingPurposes", choices.purposes().stream().flatMap(p -> policy.purpose(p).stream()).toList());
        model.addAttribute("channels", MarketingChannel.values());
        Map<String, Text> labels = new HashMap<>();
        choices.purposes().forEach(p -> policy.purpose(p).ifPresent(pp -> labels.put(p, pp.label())));
        model.addAttribute("labels", labels);
        model.addAttribute("received", RECEIVED);
        Choices person;
        try {
            person = choices.choices(actors.of(authentication), chosen, id);
        } catch (AccessDeniedException e) {
            if (!limitedByTheirRights(e)) {
                throw e;
            }
            // Under a restriction, a hold or an objection the choices stay unread, but an objection is always recordable (L5, R9.9).
            return "marketing/objection-only";
        }
        List<Cell> cells = new ArrayList<>();
        for (String p : choices.purposes()) {
            for (MarketingChannel channel : MarketingChannel.values()) {
                cells.add(new Cell(channel, p, person.current(channel, p).orElse(null)));
            }
        }
        Map<String, String> names = new HashMap<>();
        model.addAttribute("choices", person);
        model.addAttribute("cells", cells);
        model.addAttribute("history", person.history().reversed().stream().map(b -> new Line(b, names.computeIfAbsent(b.recordedBy(), this::name), Days.when(b.recordedAt(), LocaleContextHolder.getLocale())))
                .toList());
        model.addAttribute("capacities", person.capacityHistory().reversed().stream()
                .map(c -> Map.of("capacity", c.capacity().code(), "at", Days.when(c.recordedAt(), LocaleContextHolder.getLocale()), "by", names.computeIfAbsent(c.recordedBy(), this::name))).toList());
        return "marketing/choices";
    }

    @PostMapping("/backoffice/personnes/{id}/prospection/opposition")
    String object(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @RequestParam(name = "channel", required = false) @Nullable String channel,
            @RequestParam(name = "marketingPurpose", required = false) @Nullable String marketingPurpose,
            @RequestParam(name = "means", required = false) @Nullable String means,
            @RequestParam(name = "reference", required = false) @Nullable String reference, Authentication authentication,
            RedirectAttributes redirect) {
        String chosen = purpose == null || purpose.isBlank() ? DEFAULT_PURPOSE : purpose.strip();
        redirect.addAttribute("purpose", chosen);
        try {
            Set<MarketingChannel> channels = channel == null || channel.isBlank() || channel.equals("all") ? Set.of()
                    : EnumSet.of(MarketingChannel.fromCode(channel).orElseThrow(() -> new InvalidInputException("channel", "unknown")));
            Means received = means == null ? null : Means.fromCode(means).filter(RECEIVED::contains).orElse(null);
            if (received == null) {
                throw new InvalidInputException("means", "unknown");
            }
            String forPurpose = marketingPurpose == null || marketingPurpose.isBlank() || marketingPurpose.equals("all") ? null : marketingPurpose;
            int recorded = choices.object(actors.of(authentication), chosen, id, new MarketingChoices.NewObjection(channels, forPurpose, received,
                    reference == null || reference.isBlank() ? null : reference), true).size();
            redirect.addFlashAttribute("notice", recorded == 0 ? "marketing.page.already" : "marketing.page.recorded");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("invalid", e.errors().stream().map(f -> "marketing.field." + f.field()).distinct().toList());
        }
        return "redirect:/backoffice/personnes/{id}/prospection";
    }

    /** Whether the refusal comes from the person's own limits (Art. 18, Art. 21, a hold), not from the agent's grants. */
    private static boolean limitedByTheirRights(AccessDeniedException e) {
        String reason = String.valueOf(e.getMessage());
        return reason.startsWith("restricted:") || reason.startsWith("kept-for-obligation:") || reason.startsWith("objection:");
    }

    private String name(String typedId) {
        if (typedId.startsWith("staff:")) {
            try {
                return staff.find(UUID.fromString(typedId.substring("staff:".length()))).map(StaffMember::displayName).orElse("?");
            } catch (IllegalArgumentException e) {
                return "?";
            }
        }
        return typedId.startsWith("subject:") ? "person" : typedId;
    }

    private List<Policy.Purpose> rolePurposes(Authentication authentication) {
        return rolePurposes(staff, policy, authentication);
    }

    /** The purposes of the signed-in member's role, to choose the purpose of a consultation from (also the calls page's). */
    static List<Policy.Purpose> rolePurposes(StaffDirectory staff, Policy policy, Authentication authentication) {
        String role = staff.find(authentication.getName()).map(StaffMember::role).orElse("");
        return policy.role(role).map(r -> r.purposes().stream().flatMap(p -> policy.purpose(p).stream()).toList()).orElse(List.of());
    }

}
