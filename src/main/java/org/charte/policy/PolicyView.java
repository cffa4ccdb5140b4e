package org.charte.policy;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.charte.common.Days;
import org.charte.policy.Policy.CookiePurpose;
import org.charte.policy.Policy.DataCategory;
import org.charte.policy.Policy.Purpose;
import org.charte.policy.Policy.PurposeGroup;
import org.charte.policy.Policy.Recipient;
import org.charte.policy.Policy.RecipientType;
import org.charte.policy.Policy.RetentionRule;
import org.charte.policy.Policy.Role;
import org.charte.policy.Policy.Source;
import org.charte.policy.Policy.Transfer;

/**
 * What the policy page and the register read from the policy, in one language. Templates call
 * it; it holds no text of its own beyond the words the policy file gives.
 */
public final class PolicyView {

    private final Policy policy;
    private final Locale locale;

    public PolicyView(Policy policy, Locale locale) {
        this.policy = policy;
        this.locale = locale;
    }

    public Policy policy() {
        return policy;
    }

    public String lang() {
        return "en".equals(locale.getLanguage()) ? "en" : "fr";
    }

    public String t(Text text) {
        return text.in(locale);
    }

    public String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Country codes as names in the page's language ("FR" gives "France"). */
    public String countries(List<String> codes) {
        return String.join(", ", codes.stream().map(code -> Locale.of("", code).getDisplayCountry(locale)).toList());
    }

    public String duration(Period period) {
        return Durations.describe(period, locale);
    }

    public String date(LocalDate date) {
        return Days.day(date, Locale.forLanguageTag(lang()));
    }

    public List<Source> sources() {
        return List.of(Source.values());
    }

    public List<DataCategory> categoriesFrom(Source source) {
        return policy.dataCategories().stream().filter(c -> c.source() == source).toList();
    }

    public List<Purpose> purposes(String group) {
        return policy.purposesIn(PurposeGroup.valueOf(group.toUpperCase(Locale.ROOT)));
    }

    /** The bases the policy actually uses, in the order §1 gives them. */
    public List<LegalBasis> bases() {
        return List.of(LegalBasis.values()).stream()
                .filter(b -> policy.purposes().stream().anyMatch(p -> p.legalBasis() == b)).toList();
    }

    public boolean hasPartner() {
        return policy.recipients().stream().anyMatch(r -> r.type() == RecipientType.PARTNER);
    }

    public List<CookiePurpose> cookies(boolean consentRequired) {
        return policy.cookies().purposes().stream().filter(c -> c.consentRequired() == consentRequired).toList();
    }

    /** The declared purpose a cookie purpose serves (the validator made sure there is one). */
    public Purpose purposeOf(CookiePurpose cookie) {
        return policy.purpose(cookie.purpose()).orElseThrow();
    }

    public String categories(List<String> ids) {
        return labels(ids.stream().map(id -> policy.dataCategory(id).map(DataCategory::label)).toList());
    }

    public String subjects(List<String> ids) {
        return labels(ids.stream().map(id -> policy.subjectCategory(id).map(Policy.SubjectCategory::label)).toList());
    }

    public String recipients(List<String> ids) {
        return labels(ids.stream().map(id -> policy.recipient(id).map(Recipient::label)).toList());
    }

    private String labels(List<Optional<Text>> texts) {
        List<String> out = new ArrayList<>();
        texts.forEach(t -> t.ifPresent(text -> out.add(t(text))));
        return String.join(" ; ", out);
    }

    public List<Role> roles() {
        return policy.roles().stream().filter(r -> !r.categories().isEmpty()).toList();
    }

    /** The retention rules that bound the data a purpose uses: the register's erasure limits. */
    public List<RetentionRule> retentionFor(Purpose purpose) {
        Set<RetentionRule> rules = new LinkedHashSet<>();
        for (RetentionRule rule : policy.retentionRules()) {
            boolean sameData = rule.categories().stream().anyMatch(purpose.categories()::contains);
            boolean samePeople = rule.subjectCategory() == null || purpose.subjects().contains(rule.subjectCategory());
            if (sameData && samePeople) {
                rules.add(rule);
            }
        }
        return List.copyOf(rules);
    }

    /** The transfers out of the EEA that a purpose's recipients give rise to. */
    public List<Transfer> transfersFor(Purpose purpose) {
        return policy.transfers().stream()
                .filter(t -> purpose.recipients().contains(t.recipient())
                        && t.categories().stream().anyMatch(purpose.categories()::contains))
                .toList();
    }
}
