package org.charte.marketing;

import java.util.Locale;
import java.util.Optional;

/**
 * In which capacity a person is solicited (L2, L9): a consumer (the default, the stricter rules) or
 * a professional, who may be solicited about their job unless they object.
 */
public enum Capacity {
    CONSUMER,
    PROFESSIONAL;

    /** {@code consumer} or {@code professional}, as the API and the pages write it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Capacity> fromCode(String code) {
        for (Capacity capacity : values()) {
            if (capacity.code().equals(code)) {
                return Optional.of(capacity);
            }
        }
        return Optional.empty();
    }
}
