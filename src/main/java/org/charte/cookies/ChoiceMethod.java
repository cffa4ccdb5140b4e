package org.charte.cookies;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a cookie choice was made: on the banner's first layer or its "Personnaliser" panel, in the
 * settings the permanent link reopens, or by a browser signal refusing everything (Global Privacy
 * Control, Do Not Track).
 */
public enum ChoiceMethod {
    BANNER, SETTINGS, GPC, DNT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChoiceMethod> ofCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code().equals(code)).findFirst();
    }

    public boolean signal() {
        return this == GPC || this == DNT;
    }
}
