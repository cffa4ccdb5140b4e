package org.charte.access.internal;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.charte.access.AccessException;
import org.charte.access.AccessWords;
import org.charte.access.Commitments;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.access.Subcontractors;
import org.charte.common.PageController;
import org.charte.common.Zones;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The back-office pages of access governance: the commitment to sign, one's own access, and
 * for the DPO and administrators staff, subcontractors, grants and tokens. A refused form shows
 * the reason next to the form and changes nothing.
 */
@PageController
class AccessPages {

    private final StaffDirectory staff;
    private final Subcontractors subcontractors;
    private final Grants grants;
    private final ApiTokens tokens;
    private final Commitments commitments;
    private final CurrentStaff current;
    private final Policy policy;
    private final Clock clock;
    private final AccessWords words;
    private final MessageSource messages;

    AccessPages(StaffDirectory staff, Subcontractors subcontractors, Grants grants, ApiTokens tokens, Commitments commitments,
            CurrentStaff current, Policy policy, Clock clock, AccessWords words, MessageSource messages) {
        this.staff = staff;
        this.subcontractors = subcontractors;
        this.grants = grants;
        this.tokens = tokens;
        this.commitments = commitments;
        this.current = current;
        this.policy = policy;
        this.clock = clock;
        this.words = words;
        this.messages = messages;
    }

    private static final String FLASH = "notice";

    // --- The commitment and one's own access -------------------------------------------------

    @GetMapping("/backoffice/engagement")
    String commitment(Principal principal, Model model, Locale locale) {
        StaffMember me = current.of(principal);
        model.addAttribute("version", commitments.current());
        model.addAttribute("text", commitments.current().text(locale));
        model.addAttribute("signed", commitments.signedCurrent(me.id()));
        model.addAttribute("signatures", commitments.signatures(me.id()));
        return "access/commitment";
    }

    @PostMapping("/backoffice/engagement")
    String sign(Principal principal, RedirectAttributes redirect) {
        commitments.sign(current.of(principal).id());
        redirect.addFlashAttribute(FLASH, "commitment.signed-now");
        return "redirect:/backoffice/engagement";
    }

    record PublishForm(@Nullable String textFr, @Nullable String textEn) {}

    @GetMapping("/backoffice/engagement/publier")
    String publishForm(Model model) {
        model.addAttribute("version", commitments.current());
        return "access/commitment-publish";
    }

    @PostMapping("/backoffice/engagement/publier")
    String publish(@ModelAttribute PublishForm form, Principal principal, Model model, RedirectAttributes redirect) {
        try {
            commitments.publish(form.textFr(), form.textEn(), current.of(principal).id());
        } catch (AccessException e) {
            model.addAttribute("error", problem(e));
            model.addAttribute("version", commitments.current());
            return "access/commitment-publish";
        }
        redirect.addFlashAttribute(FLASH, "commitment.published");
        return "redirect:/backoffice/engagement";
    }

    @GetMapping("/backoffice/mes-acces")
    String myAccess(Principal principal, Model model) {
        StaffMember me = current.of(principal);
        model.addAttribute("me", me);
        model.addAttribute("grants", grantRows(grants.forGrantee(me.id())));
        model.addAttribute("signed", commitments.signedCurrent(me.id()));
        model.addAttribute("now", clock.instant());
        return "access/my-access";
    }

    // --- Staff (administrators) --------------------------------------------------------------

    record StaffForm(@Nullable String login, @Nullable String displayName, @Nullable String role, @Nullable String password,
            @Nullable UUID subcontractorId) {}

    @GetMapping("/backoffice/staff")
    String staff(Model model) {
        model.addAttribute("staff", staff.all());
        model.addAttribute("roles", policy.roles());
        model.addAttribute("subcontractors", subcontractors.all());
        return "access/staff";
    }

    @PostMapping("/backoffice/staff")
    String createStaff(@ModelAttribute StaffForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
        try {
            readable(binding);
            staff.create(new StaffDirectory.NewStaff(form.login(), form.displayName(), form.role(), form.password(),
                    form.subcontractorId(), false));
        } catch (AccessException e) {
            model.addAttribute("error", problem(e));
            return staff(model);
        }
        redirect.addFlashAttribute(FLASH, "staff.created");
        return "redirect:/backoffice/staff";
    }

    // --- Subcontractors (DPO, administrators) ------------------------------------------------

    record SubcontractorForm(@Nullable String name, @Nullable String role) {}

    record ContractForm(@Nullable LocalDate signedOn, @Nullable LocalDate endsOn, boolean dataProtectionClauses,
            @Nullable LocalDate assessedOn) {}

    @GetMapping("/backoffice/subcontractors")
    String subcontractors(Model model) {
        model.addAttribute("subcontractors", subcontractors.all());
        model.addAttribute("today", LocalDate.now(clock));
        return "access/subcontractors";
    }

    @PostMapping("/backoffice/subcontractors")
    String registerSubcontractor(@ModelAttribute SubcontractorForm form, Model model, RedirectAttributes redirect) {
        try {
            subcontractors.register(form.name(), form.role());
        } catch (AccessException e) {
            model.addAttribute("error", problem(e));
            return subcontractors(model);
        }
        redirect.addFlashAttribute(FLASH, "subcontractors.registered");
        return "redirect:/backoffice/subcontractors";
    }

    @PostMapping("/backoffice/subcontractors/{id}/contrat")
    String contract(@PathVariable("id") UUID id, @ModelAttribute ContractForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        try {
            readable(binding);
            if (form.signedOn() == null) {
                throw new AccessException("signedOn", "the signature date is required");
            }
            subcontractors.recordContract(id, form.signedOn(), form.endsOn(), form.dataProtectionClauses());
            if (form.assessedOn() != null) {
                subcontractors.recordAssessment(id, form.assessedOn());
            }
        } catch (AccessException e) {
            model.addAttribute("error", problem(e));
            return subcontractors(model);
        }
        redirect.addFlashAttribute(FLASH, "subcontractors.contract-recorded");
        return "redirect:/backoffice/subcontractors";
    }

    // --- Grants (DPO, administrators) --------------------------------------------------------

    record GrantForm(@Nullable UUID granteeId, @Nullable String purpose, @Nullable String categories, @Nullable String subjects,
            @Nullable LocalDate validUntil, @Nullable String reason) {}

    record RevokeForm(@Nullable String reason) {}

    @GetMapping("/backoffice/grants")
    String grants(@RequestParam(name = "personne", required = false) @Nullable String person, Model model) {
        UUID subjectId = null;
        if (person != null && !person.isBlank()) {
            try {
                subjectId = person.length() == 36 ? UUID.fromString(person) : null;
            } catch (IllegalArgumentException e) {
                subjectId = null;
            }
            if (subjectId == null) {
                model.addAttribute("error", messages.getMessage("grants.person.unreadable", null, LocaleContextHolder.getLocale()));
            }
        }
        @Nullable ResourceRef reaching = subjectId == null ? null : ResourceRef.subject(subjectId);
        // One person's grants (the link on their page): every grant that reaches them, current or ended, whoever holds it.
        model.addAttribute("person", subjectId);
        model.addAttribute("grants", grantRows(reaching == null ? grants.all()
                : grants.all().stream().filter(g -> g.resources().contains(reaching)).toList()));
        model.addAttribute("staff", staff.all());
        model.addAttribute("purposes", policy.purposes());
        model.addAttribute("now", clock.instant());
        return "access/grants";
    }

    @PostMapping("/backoffice/grants")
    String grant(@ModelAttribute GrantForm form, BindingResult binding, Principal principal, Model model, RedirectAttributes redirect) {
        try {
            readable(binding);
            List<ResourceRef> resources = words(form.subjects()).stream().map(id -> {
                try {
                    return ResourceRef.subject(UUID.fromString(id));
                } catch (IllegalArgumentException e) {
                    throw new AccessException("subjects", "'" + id + "' is not a person's id");
                }
            }).toList();
            if (form.validUntil() == null) {
                throw new AccessException("validUntil", "a grant must end");
            }
            grants.grantIndividual(form.granteeId(), form.purpose(), new LinkedHashSet<>(words(form.categories())), resources,
                    ZonedDateTime.of(form.validUntil(), LocalTime.MAX, Zones.PARIS).toInstant(), form.reason(),
                    current.of(principal).id());
        } catch (AccessException e) {
            model.addAttribute("error", problem(e));
            return grants(null, model);
        }
        redirect.addFlashAttribute(FLASH, "grants.created");
        return "redirect:/backoffice/grants";
    }

    @PostMapping("/backoffice/grants/{id}/revocation")
    String revoke(@PathVariable("id") UUID id, @ModelAttribute RevokeForm form, Principal principal, Model model, RedirectAttributes redirect) {
        try {
            grants.revoke(id, current.of(principal).id(), form.reason());
        } catch (AccessException e) {
            model.addAttribute("error", problem(e));
            return grants(null, model);
        }
        redirect.addFlashAttribute(FLASH, "grants.revoked");
        return "redirect:/backoffice/grants";
    }

    /**
     * A grant as a page shows it (L10): who holds it by name, its kind, purpose and categories by
     * their labels, the people or databases it opens by a short reference, why it was given in the
     * page's language when Charte wrote the reason (a rights matter's), as typed otherwise.
     */
    public record GrantRow(Grant grant, String grantee, String kind, String purpose, String categories, String resources, String reason) {}

    private List<GrantRow> grantRows(List<Grant> list) {
        Locale locale = LocaleContextHolder.getLocale();
        return list.stream().map(g -> new GrantRow(g, words.actor("staff:" + g.granteeId(), locale),
                messages.getMessage("grants.kind." + g.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), null, locale),
                policy.purpose(g.purpose()).map(p -> p.label().in(locale)).orElse(g.purpose()),
                String.join(", ", g.categories().stream().sorted().map(c -> policy.dataCategory(c).map(d -> d.label().in(locale)).orElse(c)).toList()),
                String.join(", ", g.resources().stream().map(r -> messages.getMessage("grants.resource." + r.code(),
                        new Object[] {AccessWords.shortReference(r.id().toString())}, locale)).toList()),
                words.reason(g.reason(), locale))).toList();
    }

    /** Why a form was refused, in the page's language, by the field it concerns (L10); never the English message or the value. */
    private String problem(AccessException e) {
        Locale locale = LocaleContextHolder.getLocale();
        Object[] limits = switch (e.field()) {
            case "displayName" -> new Object[] {StaffAccounts.MAX_DISPLAY_NAME};
            case "password" -> new Object[] {StaffAccounts.MIN_PASSWORD, StaffAccounts.MAX_PASSWORD};
            default -> null;
        };
        return messages.getMessage("access.problem." + e.field(), limits, messages.getMessage("access.problem.other", null, locale), locale);
    }

    /**
     * A value the form's binding could not read (a day that is no day, a yes/no that is neither, an
     * id that is no id): the form again, the field named in the page's language, nothing changed.
     */
    private static void readable(BindingResult binding) {
        FieldError unreadable = binding.getFieldError();
        if (unreadable != null) {
            throw new AccessException("unreadable." + unreadable.getField(), "cannot be read");
        }
    }

    private static List<String> words(@Nullable String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,;\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    // --- Tokens (administrators) -------------------------------------------------------------

    record TokenForm(@Nullable String name, @Nullable String role, @Nullable List<String> scopes) {}

    @GetMapping("/backoffice/tokens")
    String tokens(Model model) {
        model.addAttribute("tokens", tokens.all());
        model.addAttribute("roles", policy.roles());
        model.addAttribute("scopes", ApiTokens.SCOPES.stream().sorted().toList());
        // each scope in words (L10); its code stays beside them on the form, for whoever configures the integration
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> scopeWords = new TreeMap<>();
        ApiTokens.SCOPES.forEach(s -> scopeWords.put(s, messages.getMessage(ApiTokens.wordsKey(s), null, s, locale)));
        model.addAttribute("scopeWords", scopeWords);
        return "access/tokens";
    }

    @PostMapping("/backoffice/tokens")
    String issue(@ModelAttribute TokenForm form, Principal principal, Model model) {
        try {
            ApiTokens.Issued issued = tokens.issue(form.name(), form.role(), form.scopes() == null ? Set.of() : Set.copyOf(form.scopes()),
                    null, current.of(principal).id());
            model.addAttribute("issued", issued);
        } catch (AccessException e) {
            model.addAttribute("error", problem(e));
        }
        return tokens(model);
    }

    @PostMapping("/backoffice/tokens/{id}/revocation")
    String revokeToken(@PathVariable("id") UUID id, RedirectAttributes redirect) {
        tokens.revoke(id);
        redirect.addFlashAttribute(FLASH, "tokens.revoked");
        return "redirect:/backoffice/tokens";
    }
}
