package org.charte.marketing.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PostalAddress;
import org.jspecify.annotations.Nullable;

/**
 * A letter's recipient and address in the French postal form (NF Z10-011, as La Poste asks): the
 * recipient (civility, first names, last name), up to four lines from the most precise (flat,
 * building) to the street and lieu-dit, then the postal code and the commune in capitals without
 * accents, and the country in French capitals only when the letter leaves France. Framework-free:
 * the one place that says what a deliverable address is (the audience's "has a postal address"
 * fact is this; the subjects' rules of entry already refuse an address without it, so the facts
 * derived before this rule mean the same) and how a letter shop gets it.
 *
 * @param lines the address lines as recorded, at most {@link #LINES}
 * @param country empty for France, else the French name of the country in capitals ({@code ROYAUME-UNI})
 */
record LetterAddress(String civility, String firstNames, String lastName, List<String> lines, String postalCode, String commune, String country) {

    /** The address lines a letter carries between the recipient and the postal code's line. */
    static final int LINES = 4;

    LetterAddress {
        lines = List.copyOf(lines);
    }

    /**
     * Whether a letter can reach this address: a street line and a commune, and in France (the
     * default country) a postal code.
     */
    static boolean deliverable(PostalAddress address) {
        boolean street = address.lines().stream().anyMatch(l -> l != null && !l.isBlank());
        boolean commune = address.commune() != null && !address.commune().isBlank();
        boolean code = address.postalCode() != null && !address.postalCode().isBlank();
        return street && commune && (code || !france(address.country()));
    }

    /** Whether any of these contacts' addresses is {@link #deliverable}. */
    static boolean anyDeliverable(Contacts contacts) {
        return contacts.addresses().stream().anyMatch(LetterAddress::deliverable);
    }

    /** The letter to this person at their first deliverable address; empty when they have none. */
    static Optional<LetterAddress> of(Identity identity, Contacts contacts) {
        return contacts.addresses().stream().filter(LetterAddress::deliverable).findFirst().map(a -> {
            List<String> lines = new ArrayList<>();
            for (String line : a.lines()) {
                if (line != null && !line.isBlank() && lines.size() < LINES) {
                    lines.add(line.strip());
                }
            }
            return new LetterAddress(text(identity.civility()), text(identity.firstNames()), text(identity.lastName()), lines,
                    text(a.postalCode()), capitals(text(a.commune())), france(a.country()) ? "" : country(a.country()));
        });
    }

    private static boolean france(@Nullable String country) {
        return country == null || country.isBlank() || country.strip().equalsIgnoreCase("FR");
    }

    /** The country's French name in capitals without accents, as the last line of a letter abroad; the code when Java knows none. */
    private static String country(String code) {
        String name = Locale.of("", code.strip().toUpperCase(Locale.ROOT)).getDisplayCountry(Locale.FRENCH);
        return capitals(name.isBlank() ? code.strip() : name);
    }

    /** Capitals without accents: the postal code's line and the country's, as NF Z10-011 writes them. */
    static String capitals(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }
}
