package org.charte.registers.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The legal bases on which an authority asks for data (R6.6): judicial requisitions of the Code de
 * procédure pénale and the tax authority's right of communication; {@code other} names its text.
 */
enum DisclosureLegalBasis {
    /** Réquisition judiciaire, enquête de flagrance. */
    CPP_60_1,
    /** Réquisition judiciaire, enquête préliminaire. */
    CPP_77_1_1,
    /** Réquisition du juge d'instruction. */
    CPP_99_3,
    /** Droit de communication de l'administration fiscale. */
    LPF_L81,
    OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<DisclosureLegalBasis> ofCode(String code) {
        return Arrays.stream(values()).filter(b -> b.code().equals(code)).findFirst();
    }

    static String codes() {
        return String.join(", ", Arrays.stream(values()).map(DisclosureLegalBasis::code).toList());
    }
}
