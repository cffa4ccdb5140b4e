package org.charte.marketing;

import java.util.Locale;

/**
 * Why a call may not be made now (L2, D223-9); the code is what the API returns in its 409
 * problem+json.
 */
public enum CallRefusalReason {
    /** Saturday or Sunday where the person lives, and they did not consent to other times. */
    WEEKEND,
    /** A public holiday of C. trav. L3133-1, and they did not consent to other times. */
    PUBLIC_HOLIDAY,
    /** Outside 10:00-13:00 and 14:00-20:00 where the person lives, and they did not consent to other times. */
    OUTSIDE_HOURS,
    /** Four attempts already within the last 30 calendar days. */
    TOO_MANY_ATTEMPTS,
    /** The person refused during a call less than 60 calendar days ago. */
    REFUSED_RECENTLY;

    /** {@code weekend}, {@code public-holiday}, {@code outside-hours}, {@code too-many-attempts}, {@code refused-recently}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
