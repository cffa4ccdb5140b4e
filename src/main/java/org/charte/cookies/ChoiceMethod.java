package org.charte.cookies;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a cookie choice was made: on the banner's first layer or its "Personnaliser" panel, in the
 * settings the permanent link reopens, on a click-to-load placeholder standing in for a social
 * network's content (R7.2: "load it" consents to that purpose alone), or by a browser signal refusing
 * everything (Global Privacy Control, Do Not Track).
 */
public enum ChoiceMethod {
    BANNER, SETTINGS, INLINE, GPC, DNT;

    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    /** The method of this code; a plain switch, as it runs for every proof posted (bench/RESULTS.md, consent). */
    public static Optional<ChoiceMethod> ofCode(@Nullable String code) {
        return code == null ? Optional.empty() : switch (code) {
            case "banner" -> Optional.of(BANNER);
            case "settings" -> Optional.of(SETTINGS);
            case "inline" -> Optional.of(INLINE);
            case "gpc" -> Optional.of(GPC);
            case "dnt" -> Optional.of(DNT);
            default -> Optional.empty();
        };
    }

    /** A choice the person made on purpose, for one purpose or in the settings they opened: a browser signal does not overrule it. */
    public boolean deliberate() {
        return this == SETTINGS || this == INLINE;
    }

    public boolean signal() {
        return this == GPC || this == DNT;
    }
}
