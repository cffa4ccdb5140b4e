package org.charte.marketing;

import java.util.Locale;
import java.util.Optional;

/** How a consent was collected or an objection received (R9.9: by any channel). */
public enum Means {
    /** A form on a page (its address is the proof's page). */
    FORM,
    /** A phone call. */
    PHONE,
    /** A paper form. */
    PAPER,
    /** A letter. */
    LETTER,
    /** At the desk, in person. */
    DESK,
    /** An e-mail to customer service. */
    EMAIL,
    /** A rights request of the privacy centre (R9.1, R9.2). */
    PRIVACY_CENTRE,
    /** The one-click unsubscribe link of a marketing e-mail (RFC 8058). */
    ONE_CLICK,
    /** A STOP answered to a marketing SMS. */
    SMS_STOP,
    /** The person was recorded with an address on the suppression list (L9). */
    SUPPRESSION_LIST;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Means> fromCode(String code) {
        for (Means means : values()) {
            if (means.code().equals(code)) {
                return Optional.of(means);
            }
        }
        return Optional.empty();
    }
}
