package org.charte.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Days and instants as people read them on a page (L10), in French or in English: "15/01/2027",
 * "15 Jan 2027"; instants in Paris time, "15/01/2027 à 09:30", "15 Jan 2027, 09:30", with seconds
 * where an order of events matters (the audit log). Files meant for machines (JSON, the portability
 * archive's CSV, the command line) keep ISO 8601; pages, and documents written for people (the access
 * report, the registers' PDF and CSV exports for an authority), never show it.
 */
public final class Days {

    private static final DateTimeFormatter FRENCH_DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH);
    private static final DateTimeFormatter ENGLISH_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter FRENCH_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm", Locale.FRENCH);
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter FRENCH_SECONDS = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm:ss", Locale.FRENCH);
    private static final DateTimeFormatter ENGLISH_SECONDS = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.ENGLISH);

    private Days() {}

    /** A day: "15/01/2027" in French, "15 Jan 2027" in English; "" for none. */
    public static String day(@Nullable LocalDate on, Locale locale) {
        return on == null ? "" : (english(locale) ? ENGLISH_DAY : FRENCH_DAY).format(on);
    }

    /** An instant to the minute, in Paris time: "15/01/2027 à 09:30", "15 Jan 2027, 09:30"; "" for none. */
    public static String when(@Nullable Instant at, Locale locale) {
        return at == null ? "" : (english(locale) ? ENGLISH_TIME : FRENCH_TIME).format(at.atZone(Zones.PARIS));
    }

    /** A moment in a given zone (a person's own, overseas), to the minute: "15/01/2027 à 09:30", "15 Jan 2027, 09:30". */
    public static String when(ZonedDateTime at, Locale locale) {
        return (english(locale) ? ENGLISH_TIME : FRENCH_TIME).format(at);
    }

    /** An instant to the second, in Paris time: "15/01/2027 à 09:30:12", "15 Jan 2027, 09:30:12"; "" for none. */
    public static String second(@Nullable Instant at, Locale locale) {
        return at == null ? "" : (english(locale) ? ENGLISH_SECONDS : FRENCH_SECONDS).format(at.atZone(Zones.PARIS));
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }
}
