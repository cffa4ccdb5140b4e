package org.charte.rights.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.charte.access.Objections;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.marketing.MarketingMail;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.policy.PolicyView;
import org.charte.rights.internal.RightsRequests.Verification;
import org.charte.subjects.PostMortem;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The privacy centre (R2.1, R9.5, R9.6, R9.8): public pages, in French under {@code /mes-droits}
 * and in English under {@code /en/my-rights}, to exercise each right and leave post-mortem
 * directives. Every page names the controller and the DPO and tells of the right to complain to
 * the CNIL. A request gets a code by e-mail; nothing on these pages ever tells whether the
 * address belongs to someone Charte knows.
 */
@PageController
class PrivacyCentrePages {

    private final RequestIntake intake;
    private final IdentityVerification verification;
    private final RequestStore store;
    private final Policy policy;
    private final Objections objections;

    private final MarketingMail marketingMail;

    PrivacyCentrePages(RequestIntake intake, IdentityVerification verification, RequestStore store, Policy policy,
            Objections objections, MarketingMail marketingMail) {
        this.marketingMail = marketingMail;
        this.intake = intake;
        this.verification = verification;
        this.store = store;
        this.policy = policy;
        this.objections = objections;
    }

    static String base(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "/en/my-rights" : "/mes-droits";
    }

    private void common(Model model, Locale locale) {
        model.addAttribute("policy", policy);
        model.addAttribute("v", new PolicyView(policy, locale));
        model.addAttribute("base", base(locale));
        model.addAttribute("types", Arrays.asList(RequestType.values()));
        // what the forms of objection, restriction and directives offer
        model.addAttribute("objectionPurposes", objections.purposesNeedingMotive().stream().sorted()
                .map(code -> policy.purpose(code).orElse(null)).filter(Objects::nonNull).toList());
        model.addAttribute("restrictionReasons", List.of("accuracy-contested", "unlawful-processing", "needed-for-claims"));
        model.addAttribute("choices", Arrays.stream(PostMortem.Choice.values()).map(c -> c.code()).toList());
    }

    @GetMapping({"/mes-droits", "/en/my-rights"})
    String centre(Model model, Locale locale) {
        common(model, locale);
        return "rights/centre";
    }

    @GetMapping({"/mes-droits/demande", "/en/my-rights/request"})
    String form(@RequestParam(name = "type", required = false) @Nullable String type, Model model, Locale locale) {
        common(model, locale);
        RequestType chosen = type == null ? null : RequestType.ofCode(type).orElse(null);
        if (chosen == null) {
            return "redirect:" + base(locale);
        }
        model.addAttribute("type", chosen);
        model.addAttribute("form", new Form(chosen.code(), "", "", "", "", null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null));
        return "rights/request-form";
    }

    /**
     * What the form posts; every field optional here, checked by the workflow. Beyond who asks and
     * the free text, each right's own fields: the data to rectify, the purpose objected to, the
     * restriction's reason, the directives' choice and trusted person.
     */
    record Form(@Nullable String type, @Nullable String name, @Nullable String email, @Nullable String postalAddress, @Nullable String details,
            @Nullable String civility, @Nullable String lastName, @Nullable String firstNames, @Nullable String birthDate,
            @Nullable String newEmail, @Nullable String phone, @Nullable String addressLine, @Nullable String postalCode,
            @Nullable String commune, @Nullable String otherInformation, @Nullable String purpose, @Nullable String reason,
            @Nullable String choice, @Nullable String trustedName, @Nullable String trustedEmail, @Nullable String trustedAddress) {

        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            put(fields, "civility", civility);
            put(fields, "lastName", lastName);
            put(fields, "firstNames", firstNames);
            put(fields, "birthDate", birthDate);
            put(fields, "newEmail", newEmail);
            put(fields, "phone", phone);
            put(fields, "addressLine", addressLine);
            put(fields, "postalCode", postalCode);
            put(fields, "commune", commune);
            put(fields, "otherInformation", otherInformation);
            put(fields, "purpose", purpose);
            put(fields, "reason", reason);
            put(fields, "choice", choice);
            put(fields, "trustedName", trustedName);
            put(fields, "trustedEmail", trustedEmail);
            put(fields, "trustedAddress", trustedAddress);
            return fields;
        }

        private static void put(Map<String, String> fields, String name, @Nullable String value) {
            if (value != null && !value.isBlank()) {
                fields.put(name, value);
            }
        }
    }

    @PostMapping({"/mes-droits/demande", "/en/my-rights/request"})
    String submit(Form form, Model model, Locale locale) {
        common(model, locale);
        RequestType type = form.type() == null ? null : RequestType.ofCode(form.type()).orElse(null);
        if (type == null) {
            return "redirect:" + base(locale);
        }
        try {
            RightsRequest request = intake.receiveOnline(type,
                    new RightsRequests.Claimant(form.name() == null ? "" : form.name(), form.email(), form.postalAddress(), form.details(),
                            form.fields()), locale);
            return "redirect:" + base(locale) + "/verification/" + request.id() + "?sent";
        } catch (InvalidInputException e) {
            model.addAttribute("type", type);
            model.addAttribute("form", form);
            model.addAttribute("errors", e.errors().stream().map(InvalidInputException.FieldError::field).distinct().toList());
            return "rights/request-form";
        }
    }

    @GetMapping({"/mes-droits/verification/{id}", "/en/my-rights/verification/{id}"})
    String verification(@PathVariable String id, HttpServletRequest http, Model model, Locale locale) {
        common(model, locale);
        model.addAttribute("id", parse(id));
        model.addAttribute("sent", http.getParameter("sent") != null);
        return "rights/verification";
    }

    @PostMapping({"/mes-droits/verification/{id}", "/en/my-rights/verification/{id}"})
    String verify(@PathVariable String id, @RequestParam(name = "code", required = false) @Nullable String code, Model model, Locale locale) {
        common(model, locale);
        UUID requestId = parse(id);
        model.addAttribute("id", requestId);
        Verification result = requestId == null ? Verification.NOT_AWAITED : verification.verify(requestId, code == null ? "" : code);
        if (result == Verification.VERIFIED) {
            RightsRequest request = store.load(requestId).orElseThrow();
            model.addAttribute("request", request);
            // the person proved themselves by the e-mailed code: their marketing preferences are one link away (L5, R9.9)
            if (request.subjectId() != null) {
                model.addAttribute("preferences", marketingMail.unsubscribeUrl(request.subjectId(), MarketingChannel.EMAIL, null)
                        + ("en".equals(locale.getLanguage()) ? "?lang=en" : ""));
            }
            return "rights/verified";
        }
        model.addAttribute("result", result.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return "rights/verification";
    }

    @PostMapping({"/mes-droits/verification/{id}/nouveau-code", "/en/my-rights/verification/{id}/new-code"})
    String newCode(@PathVariable String id, Model model, Locale locale) {
        common(model, locale);
        UUID requestId = parse(id);
        model.addAttribute("id", requestId);
        try {
            if (requestId == null) {
                throw new UnknownRequestException();
            }
            verification.sendCode(requestId, null);
            return "redirect:" + base(locale) + "/verification/" + requestId + "?sent";
        } catch (InvalidInputException | UnknownRequestException e) {
            model.addAttribute("result", e instanceof InvalidInputException i && i.errors().getFirst().field().equals("code")
                    ? "too-many-codes" : "not-awaited");
            return "rights/verification";
        }
    }

    static @Nullable UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static List<String> fields(InvalidInputException e) {
        return e.errors().stream().map(InvalidInputException.FieldError::field).toList();
    }
}
