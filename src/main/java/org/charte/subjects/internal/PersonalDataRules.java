package org.charte.subjects.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.Screening;
import org.charte.subjects.SensitiveCategory;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The entry rules of R3.1 and R3.6, field by field: every problem found is collected with the
 * field's path (never its value), and what passes is returned normalised — e-mails in lower
 * case, phones in E.164, French communes under their official name, sensitive words refused in
 * structured fields and redacted from the free text.
 */
@Component
class PersonalDataRules {

    static final int MAX_CONTACTS = 10;
    static final int MAX_NAME = 100;
    static final int MAX_LINE = 100;
    static final int MAX_LINES = 4;
    static final int MAX_OTHER_INFORMATION = 4000;
    static final LocalDate OLDEST_BIRTH = LocalDate.of(1900, 1, 1);
    static final String DEFAULT_REGION = "FR";

    private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M}' .-]*");
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern FRENCH_POSTAL_CODE = Pattern.compile("[0-9]{5}");
    private static final Pattern FOREIGN_POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{0,19}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** What checking found: field errors, sensitive categories refused, and the screening of the free text. */
    static final class Findings {
        final List<FieldError> errors = new ArrayList<>();
        final Set<SensitiveCategory> refused = EnumSet.noneOf(SensitiveCategory.class);
        Screening freeText = new Screening(Set.of(), "");

        void error(String field, String message) {
            errors.add(new FieldError(field, message));
        }

        boolean ok() {
            return errors.isEmpty();
        }
    }

    private final Clock clock;
    private final PostalCodes postalCodes;
    private final WordListScreen screen;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    PersonalDataRules(Clock clock, PostalCodes postalCodes, WordListScreen screen) {
        this.clock = clock;
        this.postalCodes = postalCodes;
        this.screen = screen;
    }

    Identity identity(@Nullable Identity in, Findings findings) {
        if (in == null) {
            findings.error("identity", "is required");
            return new Identity(null, "", null, null);
        }
        String civility = civility(in.civility(), findings);
        String lastName = name("identity.lastName", in.lastName(), true, findings);
        String firstNames = name("identity.firstNames", in.firstNames(), false, findings);
        LocalDate birthDate = in.birthDate();
        if (birthDate != null && birthDate.isAfter(LocalDate.now(clock))) {
            findings.error("identity.birthDate", "must not be in the future");
        } else if (birthDate != null && birthDate.isBefore(OLDEST_BIRTH)) {
            findings.error("identity.birthDate", "must be on or after " + OLDEST_BIRTH);
        }
        return new Identity(civility, lastName == null ? "" : lastName, firstNames, birthDate);
    }

    private static @Nullable String civility(@Nullable String in, Findings findings) {
        if (in == null || in.isBlank()) {
            return null;
        }
        return switch (in.strip().toLowerCase(Locale.ROOT)) {
            case "m", "m.", "mr", "mr.", "monsieur" -> "M.";
            case "mme", "mme.", "madame", "mrs", "mrs.", "ms", "ms." -> "Mme";
            case "mx", "mx." -> "Mx";
            default -> {
                findings.error("identity.civility", "must be M., Mme or Mx");
                yield null;
            }
        };
    }

    private @Nullable String name(String field, @Nullable String in, boolean required, Findings findings) {
        String name = in == null ? "" : in.replace('’', '\'').strip().replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            if (required) {
                findings.error(field, "is required");
            }
            return null;
        }
        if (name.length() > MAX_NAME) {
            findings.error(field, "must be at most " + MAX_NAME + " characters");
        } else if (structured(field, name, findings) && !NAME.matcher(name).matches()) {
            findings.error(field, "must hold only letters, spaces, hyphens, apostrophes and dots");
        }
        return name;
    }

    /** A structured field holding sensitive data is refused; the message names the categories, never the words. */
    private boolean structured(String field, String value, Findings findings) {
        Screening screening = screen.screen(value, false);
        if (!screening.clean()) {
            findings.refused.addAll(screening.categories());
            findings.error(field, "must not hold sensitive data (" + String.join(", ", screening.codes()) + ")");
        }
        return screening.clean();
    }

    Contacts contacts(@Nullable Contacts in, Findings findings) {
        if (in == null) {
            return Contacts.none();
        }
        return new Contacts(addresses(in.addresses(), findings), emails(in.emails(), findings), phones(in.phones(), findings));
    }

    private List<String> emails(List<String> in, Findings findings) {
        if (in.size() > MAX_CONTACTS) {
            findings.error("contacts.emails", "at most " + MAX_CONTACTS);
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < in.size(); i++) {
            String email = normalisedEmail(in.get(i));
            if (email == null) {
                findings.error("contacts.emails[" + i + "]", "is not a valid e-mail address");
            } else {
                out.add(email);
            }
        }
        return List.copyOf(out);
    }

    /** The e-mail as stored and indexed: trimmed, lower case; null when it is not an address. */
    static @Nullable String normalisedEmail(@Nullable String in) {
        if (in == null) {
            return null;
        }
        String email = in.strip().toLowerCase(Locale.ROOT);
        int at = email.lastIndexOf('@');
        if (email.length() > 254 || at < 1 || at > 64 || !EMAIL.matcher(email).matches()) {
            return null;
        }
        return email;
    }

    private List<String> phones(List<String> in, Findings findings) {
        if (in.size() > MAX_CONTACTS) {
            findings.error("contacts.phones", "at most " + MAX_CONTACTS);
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < in.size(); i++) {
            String raw = in.get(i);
            String phone = raw == null || TextInput.forbiddenAt(raw, TextInput.Kind.SINGLE_LINE) >= 0 ? null : e164(raw);
            if (phone == null) {
                findings.error("contacts.phones[" + i + "]", "is not a valid phone number (a French number, or an international one starting with +)");
            } else {
                out.add(phone);
            }
        }
        return List.copyOf(out);
    }

    /** The phone in E.164 ({@code +33612345678}), French when it has no country code; null when not a valid number. */
    @Nullable String e164(@Nullable String in) {
        if (in == null || in.isBlank() || in.length() > 40) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = phones.parse(in.strip(), DEFAULT_REGION);
            return phones.isValidNumber(number) ? phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private List<PostalAddress> addresses(List<PostalAddress> in, Findings findings) {
        if (in.size() > MAX_CONTACTS) {
            findings.error("contacts.addresses", "at most " + MAX_CONTACTS);
            return List.of();
        }
        List<PostalAddress> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            PostalAddress address = address("contacts.addresses[" + i + "]", in.get(i), findings);
            if (address != null) {
                out.add(address);
            }
        }
        return out;
    }

    private @Nullable PostalAddress address(String field, @Nullable PostalAddress in, Findings findings) {
        if (in == null) {
            findings.error(field, "is required");
            return null;
        }
        List<String> lines = new ArrayList<>();
        int errorsBefore = findings.errors.size();
        for (int j = 0; j < in.lines().size(); j++) {
            String raw = in.lines().get(j);
            // spaces, tabs and line breaks fold into one space; what stays must be one clean line
            String line = raw == null ? "" : raw.length() > MAX_LINE * 10 ? raw : raw.strip().replaceAll("\\s+", " ");
            if (TextInput.line(findings.errors, field + ".lines[" + j + "]", line, MAX_LINE) && !line.isEmpty()) {
                structured(field + ".lines[" + j + "]", line, findings);
                lines.add(line);
            }
        }
        if (lines.isEmpty() && findings.errors.size() == errorsBefore) {
            findings.error(field + ".lines", "at least one line (number and street) is required");
        } else if (lines.size() > MAX_LINES) {
            findings.error(field + ".lines", "at most " + MAX_LINES + " lines");
        }
        String country = in.country() == null || in.country().isBlank() ? DEFAULT_REGION : in.country().strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            findings.error(field + ".country", "must be an ISO 3166 country code such as FR");
        }
        String postalCode = in.postalCode() == null ? "" : in.postalCode().strip();
        String commune = in.commune() == null ? "" : in.commune().strip().replaceAll("\\s+", " ");
        if (country.equals("FR")) {
            if (!FRENCH_POSTAL_CODE.matcher(postalCode).matches()) {
                findings.error(field + ".postalCode", "must be a French postal code of 5 digits");
            } else if (!postalCodes.exists(postalCode)) {
                findings.error(field + ".postalCode", "is not in the official list of French postal codes");
            } else if (commune.isEmpty()) {
                findings.error(field + ".commune", "is required");
            } else {
                String official = postalCodes.commune(postalCode, commune).orElse(null);
                if (official == null) {
                    findings.error(field + ".commune", "is not a commune of this postal code");
                } else {
                    commune = official;
                }
            }
        } else {
            if (!postalCode.isEmpty() && !FOREIGN_POSTAL_CODE.matcher(postalCode).matches()) {
                findings.error(field + ".postalCode", "must be letters, digits, spaces or hyphens, at most 20");
            }
            if (commune.isEmpty()) {
                findings.error(field + ".commune", "is required");
            } else if (TextInput.line(findings.errors, field + ".commune", commune, MAX_LINE)) {
                structured(field + ".commune", commune, findings);
            }
        }
        return new PostalAddress(lines, postalCode.isEmpty() ? null : postalCode, commune.isEmpty() ? null : commune, country);
    }

    /** The free text, redacted of sensitive data (recorded in {@code findings.freeText}); null when empty. */
    @Nullable String otherInformation(@Nullable String in, Findings findings) {
        if (in == null || in.isBlank()) {
            return null;
        }
        String text = in.strip();
        String problem = TextInput.problem(text, MAX_OTHER_INFORMATION, TextInput.Kind.FREE_TEXT);
        if (problem != null) {
            findings.error("otherInformation", problem);
            return null;
        }
        findings.freeText = screen.screen(text, true);
        return findings.freeText.redacted();
    }

    /** The last name as its blind index takes it: folded, punctuation as single spaces. */
    static String nameKey(String lastName) {
        return WordListScreen.fold(lastName).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
