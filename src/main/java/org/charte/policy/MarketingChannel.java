package org.charte.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The channels a commercial solicitation may use. There is no push or in-app channel: the policy
 * promises no solicitation through the mobile apps (R9.10), so such a code is unknown here and
 * refused wherever it is submitted.
 */
public enum MarketingChannel {
    EMAIL,
    SMS,
    PHONE,
    POST;

    /** The code used in the policy file and on the API: {@code email}, {@code sms}, {@code phone}, {@code post}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The channel a code names, or empty for a code nobody defined (push, in-app, ...). */
    public static Optional<MarketingChannel> fromCode(String code) {
        for (MarketingChannel channel : values()) {
            if (channel.code().equals(code)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
