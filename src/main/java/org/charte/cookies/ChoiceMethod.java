package org.charte.cookies;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a cookie choice was made: on the banner's first layer or its "Personnaliser" panel, in the
 * settings the permanent link reopens, on a click-to-load placeholder standing in for a social
 * network's content (R7.2: "load it" consents to that purpose alone), or by a browser signal refusing
 * everything (Global Privacy Control, Do Not Track).
 */
public enum ChoiceMethod {
    BANNER, SETTINGS, INLINE, GPC, DNT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChoiceMethod> ofCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code().equals(code)).findFirst();
    }

    /** A choice the person made on purpose, for one purpose or in the settings they opened: a browser signal does not overrule it. */
    public boolean deliberate() {
        return this == SETTINGS || this == INLINE;
    }

    public boolean signal() {
        return this == GPC || this == DNT;
    }
}
