package org.charte.policy;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** ISO 8601 periods said in words, the way the policy text says them ("3 ans", "13 months"). */
final class Durations {

    private Durations() {}

    public static String describe(Period period, Locale locale) {
        boolean fr = !"en".equals(locale.getLanguage());
        List<String> parts = new ArrayList<>();
        if (period.getYears() > 0) {
            parts.add(unit(period.getYears(), fr ? "an" : "year", fr ? "ans" : "years"));
        }
        if (period.getMonths() > 0) {
            parts.add(unit(period.getMonths(), fr ? "mois" : "month", fr ? "mois" : "months"));
        }
        if (period.getDays() > 0) {
            parts.add(unit(period.getDays(), fr ? "jour" : "day", fr ? "jours" : "days"));
        }
        return String.join(fr ? " et " : " and ", parts);
    }

    private static String unit(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
