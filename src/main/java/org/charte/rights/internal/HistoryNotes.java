package org.charte.rights.internal;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.access.AccessWords;
import org.charte.common.Days;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The notes Charte writes in codes in a request's history, worded for its page by the step they
 * belong to (L10): the channel a restriction's lifting was told by, why it was lifted, the day and
 * the delay of a lapse, the fields a rectification changed, the day information came in, an
 * OpenDSR cancellation. The history is appended, never changed: notes stored before a code was
 * (the channel written {@code e-mail}) are read the same. Anything else (staff's own text, notes
 * the audit log's wordings know) is left to {@link AccessWords#reason}.
 */
@Component
class HistoryNotes {

    /** The channel a restriction's lifting was told by, as stored: {@code email} or {@code post} ({@code e-mail} before). */
    static final String BY_EMAIL = "email";
    static final String BY_POST = "post";

    /** A lapse's note: the last day it waited, and the delay ({@code charte.rights.unverified-lapse}) as it was then. */
    private static final Pattern LAPSE = Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2}) \\(charte\\.rights\\.unverified-lapse=(P[0-9YMWD]+)\\)");
    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern OPENDSR_CANCELLED = Pattern.compile("OpenDSR cancellation of ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    private final MessageSource messages;

    HistoryNotes(MessageSource messages) {
        this.messages = messages;
    }

    /** The note of a step in words, or empty when it is no code this class knows. */
    Optional<String> words(String kind, String note, Locale locale) {
        return switch (kind) {
            case RestrictionLifting.NOTICED -> switch (note) {
                case BY_EMAIL, "e-mail" -> Optional.of(text("rights.note.told-by.email", locale));
                case BY_POST -> Optional.of(text("rights.note.told-by.post", locale));
                default -> Optional.empty();
            };
            case RestrictionLifting.LIFTED -> RestrictionLifting.REASONS.contains(note)
                    ? Optional.of(text("rights.note.lift-reason." + note, locale)) : Optional.empty();
            case RequestLapses.OUTCOME -> lapse(note, locale);
            case "rectification-reviewed", "fulfilment-refused" -> fields(note, locale);
            case "information-received" -> DAY.matcher(note).matches() ? day(note, locale) : Optional.empty();
            case "cancelled" -> {
                Matcher m = OPENDSR_CANCELLED.matcher(note);
                yield m.matches() ? Optional.of(text("rights.note.opendsr-cancelled", locale, AccessWords.shortReference(m.group(1)))) : Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private Optional<String> lapse(String note, Locale locale) {
        Matcher m = LAPSE.matcher(note);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<String> day = day(m.group(1), locale);
        Optional<String> delay = period(m.group(2), locale);
        return day.isEmpty() || delay.isEmpty() ? Optional.empty() : Optional.of(text("rights.note.lapsed", locale, day.get(), delay.get()));
    }

    /** Field names separated by ", " ({@code lastName, phone}), each by its short name; empty when one is unknown. */
    private Optional<String> fields(String note, Locale locale) {
        List<String> named = new ArrayList<>();
        for (String field : Arrays.stream(note.split(", ")).toList()) {
            if (!RequestPage.RECTIFIABLE.contains(field)) {
                return Optional.empty();
            }
            named.add(text("rights.note.field." + field, locale));
        }
        return Optional.of(String.join(", ", named));
    }

    private Optional<String> day(String iso, Locale locale) {
        try {
            return Optional.of(Days.day(LocalDate.parse(iso), locale));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A delay in words: "1 mois", "2 months", "1 an et 15 jours" (weeks are counted in days). */
    private Optional<String> period(String iso, Locale locale) {
        Period period;
        try {
            period = Period.parse(iso);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (period.getYears() > 0) {
            parts.add(text("rights.note.period.years", locale, period.getYears()));
        }
        if (period.getMonths() > 0) {
            parts.add(text("rights.note.period.months", locale, period.getMonths()));
        }
        if (period.getDays() > 0) {
            parts.add(text("rights.note.period.days", locale, period.getDays()));
        }
        if (parts.isEmpty() || period.isNegative()) {
            return Optional.empty();
        }
        String last = parts.removeLast();
        return Optional.of(parts.isEmpty() ? last : text("rights.note.period.and", locale, String.join(", ", parts), last));
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
