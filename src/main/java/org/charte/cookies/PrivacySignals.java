package org.charte.cookies;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * R9.11: Global Privacy Control ({@code Sec-GPC: 1}) and Do Not Track ({@code DNT: 1}, when the
 * policy honours it) refuse every consent purpose. A choice that arrives with such a header is
 * recorded as that signal's refusal, whatever the body says, unless the person made it in the
 * settings they opened themselves with the "Cookie settings" link, or by loading a social network's
 * content from its placeholder: that deliberate, specific choice is theirs to make.
 */
public record PrivacySignals(boolean doNotTrackHonoured) {

    /** The choice as it is recorded. */
    public record Recorded(ChoiceMethod method, Map<String, Boolean> choices) {}

    public Recorded apply(ChoiceMethod method, Map<String, Boolean> choices, @Nullable String secGpc, @Nullable String dnt) {
        if (method.deliberate()) {
            return new Recorded(method, choices);
        }
        ChoiceMethod sent = signal(secGpc, dnt);
        ChoiceMethod signal = sent != null ? sent : method.signal() ? method : null;
        if (signal == null) {
            return new Recorded(method, choices);
        }
        Map<String, Boolean> refused = new LinkedHashMap<>();
        choices.keySet().forEach(purpose -> refused.put(purpose, false));
        return new Recorded(signal, refused);
    }

    /**
     * The refusing signal a request's headers carry: {@link ChoiceMethod#GPC} for {@code Sec-GPC: 1}, else
     * {@link ChoiceMethod#DNT} for {@code DNT: 1} when the policy honours it, else none. consent.js is served knowing
     * it, so that a browser sending the header alone sees no banner, as one whose script reads the signal.
     */
    public @Nullable ChoiceMethod signal(@Nullable String secGpc, @Nullable String dnt) {
        return "1".equals(trim(secGpc)) ? ChoiceMethod.GPC : doNotTrackHonoured && "1".equals(trim(dnt)) ? ChoiceMethod.DNT : null;
    }

    private static @Nullable String trim(@Nullable String header) {
        return header == null ? null : header.trim();
    }
}
