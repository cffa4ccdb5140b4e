package org.charte.web.internal;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.PolicyView;
import org.charte.policy.LintFinding;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The policy lint's findings in the page's language (L10): each finding's key names its sentences
 * in the bundles; its gaps are worded one by one and joined; durations are worded in the language.
 */
@Component
class LintWording {

    /** A finding as a page shows it. */
    record Worded(String law, String clause, String rule, String source, String fix, String stricterRule) {}

    private final MessageSource messages;
    private final CurrentPolicy current;

    LintWording(MessageSource messages, CurrentPolicy current) {
        this.messages = messages;
        this.current = current;
    }

    List<Worded> words(List<LintFinding> findings, Locale locale) {
        return findings.stream().map(f -> word(f, locale)).toList();
    }

    private Worded word(LintFinding finding, Locale locale) {
        List<String> gaps = finding.gaps().stream().map(gap -> gap.arguments().isEmpty()
                ? messages.getMessage(gap.key(), null, locale)
                : messages.getMessage(gap.key(), arguments(gap.arguments(), locale).toArray(), locale)).toList();
        List<Object> arguments = new ArrayList<>();
        arguments.add(String.join(messages.getMessage("lint.gap.separator", null, locale), gaps));
        arguments.addAll(arguments(finding.arguments(), locale));
        Object[] args = arguments.toArray();
        String key = finding.key();
        return new Worded(finding.law(), messages.getMessage(key + ".clause", args, locale), messages.getMessage(key + ".rule", args, locale),
                messages.getMessage(key + ".source", args, locale), messages.getMessage(key + ".fix", args, locale),
                messages.getMessage(key + ".stricter", args, locale));
    }

    private List<Object> arguments(List<Object> arguments, Locale locale) {
        PolicyView view = new PolicyView(current.policy(), locale);
        return arguments.stream().map(a -> a instanceof Period period ? (Object) view.duration(period) : a).toList();
    }
}
