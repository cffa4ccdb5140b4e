package org.charte.marketing;

import java.util.Locale;
import java.util.Optional;

/** How a prospecting call ended (L2): a refusal during the call starts 60 days without calls. */
public enum CallOutcome {
    NO_ANSWER,
    ANSWERED,
    REFUSED,
    VOICEMAIL,
    BUSY,
    WRONG_NUMBER;

    /** {@code no-answer}, {@code answered}, {@code refused}, {@code voicemail}, {@code busy}, {@code wrong-number}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CallOutcome> fromCode(String code) {
        for (CallOutcome outcome : values()) {
            if (outcome.code().equals(code)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
