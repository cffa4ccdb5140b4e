package org.charte.marketing.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput;
import org.charte.marketing.Capacity;
import org.charte.marketing.FrenchRegions;
import org.charte.marketing.MessageTemplates;
import org.charte.marketing.Segment;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.policy.Text;
import org.charte.subjects.SubjectStatus;
import org.jspecify.annotations.Nullable;

/**
 * What a campaign definition must be before anything is stored (R9.9, R9.10, L9, R8.5): a name; one
 * of the policy's marketing purposes; a channel the policy uses (never push or in-app); templates
 * that pass {@link MessageTemplates#check} in French and English (an e-mail has a subject and a body,
 * an SMS a body; a phone script or a letter is optional, checked when given); a segment of known
 * codes. Every field has a maximum; messages name the field and the rule, never the text.
 */
final class CampaignInput {

    static final int MAX_NAME = 200;
    static final int MAX_SUBJECT = 200;
    static final int MAX_CODE = 64;
    static final int MAX_CODES = 50;

    /** The region codes a segment may name: {@link FrenchRegions#codes()}, the audience's own. */
    static final Set<String> REGIONS = FrenchRegions.codes();

    /** The raw input, as a form or a JSON body brings it: anything may be missing or wrong. */
    record Form(@Nullable String name, @Nullable String purpose, @Nullable String channel, @Nullable String subjectFr,
            @Nullable String subjectEn, @Nullable String bodyFr, @Nullable String bodyEn, @Nullable List<@Nullable String> statuses,
            @Nullable List<@Nullable String> plans, @Nullable List<@Nullable String> regions, @Nullable String capacity,
            @Nullable String lastContactFrom, @Nullable String lastContactTo) {}

    /** The definition, or what is wrong with the form (then no definition). */
    record Checked(Campaign.@Nullable Definition definition, List<FieldError> errors) {}

    private CampaignInput() {}

    static Checked check(Form form, Policy policy, Collection<String> planCodes) {
        List<FieldError> errors = new ArrayList<>();
        String name = form.name() == null ? null : form.name().strip();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else {
            TextInput.line(errors, "name", name, MAX_NAME);
        }
        String purpose = form.purpose();
        Set<String> purposes = new LinkedHashSet<>();
        policy.marketingPurposes().forEach(p -> purposes.add(p.id()));
        if (purpose == null || !purposes.contains(purpose)) {
            errors.add(new FieldError("marketingPurpose", "must be one of the policy's marketing purposes: " + String.join(", ", purposes)));
        }
        MarketingChannel channel = form.channel() == null || form.channel().length() > MAX_CODE ? null
                : MarketingChannel.fromCode(form.channel()).orElse(null);
        if (channel == null) {
            errors.add(new FieldError("channel", "must be email, sms, phone or post (no solicitation through the mobile apps, R9.10)"));
        } else if (!policy.marketing().allows(channel)) {
            errors.add(new FieldError("channel", "the policy does not solicit by " + channel.code()));
        }
        Text subject = null;
        if (channel == MarketingChannel.EMAIL) {
            subject = subject(errors, form.subjectFr(), form.subjectEn());
        } else if (present(form.subjectFr()) || present(form.subjectEn())) {
            errors.add(new FieldError("subject", "only an e-mail has a subject"));
        }
        Text body = null;
        if (channel != null) {
            body = body(errors, channel, form.bodyFr(), form.bodyEn(), policy.marketing());
        }
        Segment segment = segment(errors, form, planCodes);
        if (!errors.isEmpty() || name == null || purpose == null || channel == null || segment == null) {
            return new Checked(null, List.copyOf(errors));
        }
        return new Checked(new Campaign.Definition(name, purpose, channel, subject, body, segment), List.of());
    }

    private static boolean present(@Nullable String text) {
        return text != null && !text.isBlank();
    }

    private static @Nullable Text subject(List<FieldError> errors, @Nullable String fr, @Nullable String en) {
        boolean ok = true;
        for (String[] language : new String[][] {{"subject.fr", fr}, {"subject.en", en}}) {
            if (!present(language[1])) {
                errors.add(new FieldError(language[0], "is required for an e-mail"));
                ok = false;
            } else {
                ok &= TextInput.line(errors, language[0], language[1], MAX_SUBJECT);
            }
        }
        return ok ? new Text(fr.strip(), en.strip()) : null;
    }

    private static @Nullable Text body(List<FieldError> errors, MarketingChannel channel, @Nullable String fr, @Nullable String en,
            Policy.Marketing marketing) {
        boolean required = channel == MarketingChannel.EMAIL || channel == MarketingChannel.SMS;
        if (!required && !present(fr) && !present(en)) {
            return null;
        }
        int max = channel == MarketingChannel.SMS ? MessageTemplates.MAX_SMS_LENGTH : MessageTemplates.MAX_LENGTH;
        // The length first, so that a template of 600 KB is refused without being read further.
        boolean sized = true;
        for (String[] language : new String[][] {{"body.fr", fr}, {"body.en", en}}) {
            if (language[1] != null && language[1].length() > max) {
                errors.add(new FieldError(language[0], TextInput.tooLong(max)));
                sized = false;
            }
        }
        if (!sized) {
            return null;
        }
        Text template = new Text(fr == null ? "" : fr, en == null ? "" : en);
        List<MessageTemplates.Problem> problems = MessageTemplates.check(channel, template, marketing);
        // One error per field, saying each of its problems: "no-sender: …; no-objection: …".
        Map<String, String> byField = new LinkedHashMap<>();
        for (MessageTemplates.Problem problem : problems) {
            String field = problem.field().equals("channel") ? "channel" : "body." + problem.field();
            byField.merge(field, problem.code() + ": " + problem.message(), (a, b) -> a + "; " + b);
        }
        byField.forEach((field, message) -> {
            if (errors.stream().noneMatch(e -> e.field().equals(field))) {
                errors.add(new FieldError(field, message));
            }
        });
        return problems.isEmpty() ? template : null;
    }

    private static @Nullable Segment segment(List<FieldError> errors, Form form, Collection<String> planCodes) {
        int before = errors.size();
        Set<SubjectStatus> statuses = EnumSet.noneOf(SubjectStatus.class);
        for (String code : codes(errors, "segment.statuses", form.statuses())) {
            SubjectStatus status = SubjectStatus.ofCode(code).filter(s -> s.code().equals(code)).orElse(null);
            if (status == null) {
                errors.add(new FieldError("segment.statuses", "must be prospect, client-active or client-inactive"));
            } else {
                statuses.add(status);
            }
        }
        Set<String> plans = new LinkedHashSet<>();
        for (String code : codes(errors, "segment.plans", form.plans())) {
            if (!planCodes.contains(code)) {
                errors.add(new FieldError("segment.plans", "must be plan codes: " + String.join(", ", planCodes)));
            } else {
                plans.add(code);
            }
        }
        Set<String> regions = new LinkedHashSet<>();
        for (String code : codes(errors, "segment.regions", form.regions())) {
            if (!REGIONS.contains(code)) {
                errors.add(new FieldError("segment.regions", "must be ISO 3166-2 codes of French regions, such as FR-IDF or FR-RE, or unknown"));
            } else {
                regions.add(code);
            }
        }
        Capacity capacity = null;
        if (present(form.capacity())) {
            capacity = form.capacity().length() > MAX_CODE ? null : Capacity.fromCode(form.capacity()).orElse(null);
            if (capacity == null) {
                errors.add(new FieldError("segment.capacity", "must be consumer or professional"));
            }
        }
        LocalDate from = date(errors, "segment.lastContactFrom", form.lastContactFrom());
        LocalDate to = date(errors, "segment.lastContactTo", form.lastContactTo());
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("segment.lastContactTo", "must not be before segment.lastContactFrom"));
        }
        return errors.size() > before ? null : new Segment(statuses, plans, regions, capacity, from, to);
    }

    /** The codes of a list, each checked for its shape (no null, no long or odd text); a bad one is reported and left out. */
    private static List<String> codes(List<FieldError> errors, String field, @Nullable List<@Nullable String> codes) {
        if (codes == null) {
            return List.of();
        }
        if (codes.size() > MAX_CODES) {
            errors.add(new FieldError(field, "must hold at most " + MAX_CODES + " codes"));
            return List.of();
        }
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            if (code == null || code.isBlank()) {
                errors.add(new FieldError(field + "[" + i + "]", "must not be null or blank"));
            } else if (TextInput.line(errors, field + "[" + i + "]", code, MAX_CODE)) {
                valid.add(code.strip());
            }
        }
        return valid;
    }

    private static @Nullable LocalDate date(List<FieldError> errors, String field, @Nullable String text) {
        if (!present(text)) {
            return null;
        }
        if (text.length() > 10) {
            errors.add(new FieldError(field, "must be a date, YYYY-MM-DD"));
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date, YYYY-MM-DD"));
            return null;
        }
    }
}
