package org.charte.marketing;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;

/**
 * The French public holidays of C. trav. L3133-1 (jours fériés), the days on which D223-9 forbids
 * calling a consumer (L2): 1 January, Easter Monday, 1 May, 8 May, Ascension Day, Whit Monday,
 * 14 July, 15 August, 1 November, 11 November and 25 December. The movable ones follow Easter
 * Sunday, computed by the Gregorian computus (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
 *
 * <p>Only this national list: D223-9 names the days of L3133-1. The local days are not counted,
 * Good Friday and 26 December in Alsace-Moselle (L3134-13) nor the commemoration of the abolition of
 * slavery in the overseas departments (L3422-2, a different date in each), so a call on one of them
 * is not refused by this rule.
 */
public final class FrenchPublicHolidays {

    private FrenchPublicHolidays() {}

    /** Easter Sunday of a Gregorian year (the computus). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** The eleven public holidays of L3133-1 in a year, in calendar order. */
    public static List<LocalDate> of(int year) {
        LocalDate easter = easterSunday(year);
        return List.of(
                LocalDate.of(year, Month.JANUARY, 1),
                easter.plusDays(1),                     // lundi de Pâques
                LocalDate.of(year, Month.MAY, 1),
                LocalDate.of(year, Month.MAY, 8),
                easter.plusDays(39),                    // Ascension
                easter.plusDays(50),                    // lundi de Pentecôte
                LocalDate.of(year, Month.JULY, 14),
                LocalDate.of(year, Month.AUGUST, 15),
                LocalDate.of(year, Month.NOVEMBER, 1),
                LocalDate.of(year, Month.NOVEMBER, 11),
                LocalDate.of(year, Month.DECEMBER, 25))
                .stream().sorted().toList();
    }

    public static boolean isHoliday(LocalDate date) {
        return of(date.getYear()).contains(date);
    }
}
