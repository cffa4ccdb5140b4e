package org.charte.marketing.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessDecisions.AccessDeniedException;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.CurrentActor;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.common.Days;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.common.Zones;
import org.charte.marketing.CallOutcome;
import org.charte.marketing.CallRefusedException;
import org.charte.marketing.CallStatus;
import org.charte.marketing.Choices;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.Means;
import org.charte.marketing.PhoneCalls;
import org.charte.policy.Policy;
import org.charte.policy.Text;
import org.charte.subjects.Identity;
import org.charte.subjects.Subject;
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
 * The call agents' page for one person (L2): whether they may be called now for a marketing purpose
 * and, if not, why in words with the next allowed time in Paris and in the person's zone; their
 * attempts of the last 30 days and last refusal; the form an attempt is recorded with (a forbidden
 * one shows its reason and records nothing); and their consent to be called at other times than
 * D223-9's, with the form to record it or its withdrawal. Staff are shown by name.
 */
@PageController
class CallPages {

    static final String PATH = "/backoffice/personnes/{id}/appels";
    static final List<Means> COLLECTED = List.of(Means.PHONE, Means.FORM, Means.PAPER, Means.LETTER, Means.DESK, Means.EMAIL);

    private final PhoneCalls calls;
    private final MarketingChoices choices;
    private final CurrentActor actors;
    private final StaffDirectory staff;
    private final Subjects subjects;
    private final Policy policy;

    CallPages(PhoneCalls calls, MarketingChoices choices, CurrentActor actors, StaffDirectory staff, Subjects subjects, Policy policy) {
        this.calls = calls;
        this.choices = choices;
        this.actors = actors;
        this.staff = staff;
        this.subjects = subjects;
        this.policy = policy;
    }

    /** An attempt as the page shows it. */
    record Attempt(String when, String purpose, String outcome, String by) {}

    /** A call-hours entry as the page shows it. */
    record Entry(String when, boolean consented, String means, String by) {}

    @GetMapping(PATH)
    String page(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @RequestParam(name = "marketingPurpose", required = false) @Nullable String marketingPurpose, Authentication authentication,
            Model model) {
        if (subjects.status(id).isEmpty()) {
            throw new UnknownSubjectException();
        }
        String chosen = access(purpose);
        List<String> purposes = choices.purposes().stream().sorted().toList();
        String forPurpose = marketingPurpose != null && purposes.contains(marketingPurpose) ? marketingPurpose : purposes.getFirst();
        Actor actor = actors.of(authentication);
        Map<String, Text> labels = new HashMap<>();
        purposes.forEach(p -> policy.purpose(p).ifPresent(pp -> labels.put(p, pp.label())));
        Map<String, String> names = new HashMap<>();

        CallStatus status = calls.status(actor, chosen, id, forPurpose);
        Choices person = choices.choices(actor, chosen, id);
        model.addAttribute("id", id);
        model.addAttribute("name", name(actor, chosen, id));
        model.addAttribute("purpose", chosen);
        model.addAttribute("accessPurposes", MarketingPages.rolePurposes(staff, policy, authentication));
        model.addAttribute("marketingPurpose", forPurpose);
        model.addAttribute("purposes", purposes);
        model.addAttribute("labels", labels);
        model.addAttribute("status", status);
        model.addAttribute("next", status.next() == null ? null : Days.when(status.next().atZone(Zones.PARIS), LocaleContextHolder.getLocale()));
        List<String[]> nextInZones = new ArrayList<>();
        if (status.next() != null) {
            for (ZoneId zone : status.zones()) {
                if (!zone.equals(Zones.PARIS)) {
                    nextInZones.add(new String[] {Days.when(status.next().atZone(zone), LocaleContextHolder.getLocale()), zone.getId()});
                }
            }
        }
        model.addAttribute("nextInZones", nextInZones);
        model.addAttribute("zones", String.join(", ", status.zones().stream().map(ZoneId::getId).toList()));
        model.addAttribute("recent", status.recent().stream().map(c -> new Attempt(paris(c.calledAt()), c.purpose(), c.outcome().code(),
                names.computeIfAbsent(c.recordedBy(), this::staffName))).toList());
        model.addAttribute("lastRefusal", status.lastRefusal() == null ? null : paris(status.lastRefusal()));
        model.addAttribute("outcomes", CallOutcome.values());
        model.addAttribute("callHours", person.callHours().reversed().stream().map(c -> new Entry(paris(c.recordedAt()), c.consented(),
                c.means().code(), names.computeIfAbsent(c.recordedBy(), this::staffName))).toList());
        model.addAttribute("otherTimes", person.otherTimesConsented());
        model.addAttribute("collected", COLLECTED);
        return "marketing/calls";
    }

    @PostMapping(PATH + "/tentative")
    String attempt(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @RequestParam(name = "marketingPurpose", required = false) @Nullable String marketingPurpose,
            @RequestParam(name = "outcome", required = false) @Nullable String outcome, Authentication authentication,
            RedirectAttributes redirect) {
        String chosen = access(purpose);
        redirect.addAttribute("purpose", chosen);
        if (marketingPurpose != null && marketingPurpose.length() <= MarketingChoices.MAX_CODE) {
            redirect.addAttribute("marketingPurpose", marketingPurpose);
        }
        try {
            CallOutcome result = outcome == null ? null : CallOutcome.fromCode(outcome).orElse(null);
            if (result == null) {
                throw new InvalidInputException("outcome", "unknown");
            }
            calls.record(actors.of(authentication), chosen, id, marketingPurpose, result, null);
            redirect.addFlashAttribute("notice", "marketing.calls.recorded");
        } catch (CallRefusedException e) {
            redirect.addFlashAttribute("refused", "marketing.calls.reason." + e.reason());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("invalid", e.errors().stream().map(f -> "marketing.field." + f.field()).distinct().toList());
        }
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/horaires")
    String callHours(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            @RequestParam(name = "consented", required = false) @Nullable String consented,
            @RequestParam(name = "means", required = false) @Nullable String means,
            @RequestParam(name = "wording", required = false) @Nullable String wording, Authentication authentication,
            RedirectAttributes redirect) {
        String chosen = access(purpose);
        redirect.addAttribute("purpose", chosen);
        try {
            Means collected = means == null ? null : Means.fromCode(means).filter(COLLECTED::contains).orElse(null);
            if (collected == null || !Set.of("yes", "no").contains(String.valueOf(consented))) {
                List<InvalidInputException.FieldError> errors = new ArrayList<>();
                if (collected == null) {
                    errors.add(new InvalidInputException.FieldError("means", "unknown"));
                }
                if (!Set.of("yes", "no").contains(String.valueOf(consented))) {
                    errors.add(new InvalidInputException.FieldError("consented", "yes or no"));
                }
                InvalidInputException.throwIfAny(errors);
            }
            choices.callHours(actors.of(authentication), chosen, id, new MarketingChoices.NewCallHours("yes".equals(consented), collected,
                    wording == null || wording.isBlank() ? null : wording));
            redirect.addFlashAttribute("notice", "marketing.call-hours.recorded");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("invalid", e.errors().stream().map(f -> "marketing.field." + f.field()).distinct().toList());
        }
        return "redirect:" + PATH;
    }

    private static String access(@Nullable String purpose) {
        return purpose == null || purpose.isBlank() || purpose.length() > MarketingChoices.MAX_CODE ? MarketingPages.DEFAULT_PURPOSE : purpose.strip();
    }

    private static String paris(Instant at) {
        return Days.when(at.atZone(Zones.PARIS), LocaleContextHolder.getLocale());
    }

    /** The person's name, when the agent's grant covers their identity; the page works without it. */
    private @Nullable String name(Actor actor, String purpose, UUID id) {
        try {
            Subject subject = subjects.read(actor, purpose, Set.of(Subjects.IDENTITY), id);
            Identity identity = subject.identity();
            if (identity == null) {
                return null;
            }
            return ((identity.firstNames() == null ? "" : identity.firstNames() + " ") + identity.lastName()).strip();
        } catch (AccessDeniedException e) {
            return null;
        }
    }

    private String staffName(String typedId) {
        if (typedId.startsWith("staff:")) {
            try {
                return staff.find(UUID.fromString(typedId.substring("staff:".length()))).map(StaffMember::displayName).orElse("?");
            } catch (IllegalArgumentException e) {
                return "?";
            }
        }
        return typedId.startsWith("subject:") ? "person" : typedId;
    }
}
