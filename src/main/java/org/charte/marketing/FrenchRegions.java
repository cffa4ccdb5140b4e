package org.charte.marketing;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.charte.subjects.Contacts;
import org.charte.subjects.PostalAddress;
import org.jspecify.annotations.Nullable;

/**
 * The French region(s) a person lives in, for campaign segments and the commercial statistics
 * (R4.2), as ISO 3166-2 codes: the 13 metropolitan regions ({@code FR-IDF}, {@code FR-ARA}, ...,
 * Corsica {@code FR-20R} for postal codes 20xxx of 2A and 2B), the overseas regions
 * ({@code FR-GP} 971, {@code FR-MQ} 972, {@code FR-GF} 973, {@code FR-RE} 974, {@code FR-YT} 976)
 * and collectivities ({@code FR-PM} 975, {@code FR-BL} 977, {@code FR-MF} 978, {@code FR-WF} 986,
 * {@code FR-PF} 987, {@code FR-NC} 988). From the French postal codes of their addresses; when none
 * says, from an overseas phone number (libphonenumber's region: a metropolitan number says no
 * region); else {@link #UNKNOWN}. Framework-free.
 */
public final class FrenchRegions {

    public static final String UNKNOWN = "unknown";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private static final Map<String, String> DEPARTMENTS = departments();

    private static final Map<String, String> OVERSEAS_POSTAL = Map.ofEntries(
            Map.entry("971", "FR-GP"), Map.entry("972", "FR-MQ"), Map.entry("973", "FR-GF"), Map.entry("974", "FR-RE"),
            Map.entry("975", "FR-PM"), Map.entry("976", "FR-YT"), Map.entry("977", "FR-BL"), Map.entry("978", "FR-MF"),
            Map.entry("986", "FR-WF"), Map.entry("987", "FR-PF"), Map.entry("988", "FR-NC"));

    private static final Map<String, String> OVERSEAS_PHONE = Map.ofEntries(
            Map.entry("GP", "FR-GP"), Map.entry("MQ", "FR-MQ"), Map.entry("GF", "FR-GF"), Map.entry("RE", "FR-RE"),
            Map.entry("PM", "FR-PM"), Map.entry("YT", "FR-YT"), Map.entry("BL", "FR-BL"), Map.entry("MF", "FR-MF"),
            Map.entry("WF", "FR-WF"), Map.entry("PF", "FR-PF"), Map.entry("NC", "FR-NC"));

    private FrenchRegions() {}

    /** Every region code this class answers, {@link #UNKNOWN} included: what a segment may name. */
    public static Set<String> codes() {
        Set<String> codes = new TreeSet<>(DEPARTMENTS.values());
        codes.addAll(OVERSEAS_POSTAL.values());
        codes.add(UNKNOWN);
        return codes;
    }

    /** The person's regions, in the order their addresses (then phones) give them; {@code [unknown]} when none says. */
    public static Set<String> of(Contacts contacts) {
        Set<String> regions = new LinkedHashSet<>();
        for (PostalAddress address : contacts.addresses()) {
            if (address.country() == null || "FR".equalsIgnoreCase(address.country())) {
                String region = fromPostalCode(address.postalCode());
                if (region != null) {
                    regions.add(region);
                }
            }
        }
        if (regions.isEmpty()) {
            for (String phone : contacts.phones()) {
                String region = fromPhone(phone);
                if (region != null) {
                    regions.add(region);
                }
            }
        }
        return regions.isEmpty() ? Set.of(UNKNOWN) : regions;
    }

    /** The region of a French postal code; null when it is not one (or Monaco's, 980xx). */
    public static @Nullable String fromPostalCode(@Nullable String postalCode) {
        String code = postalCode == null ? "" : postalCode.replace(" ", "");
        if (!code.matches("\\d{5}")) {
            return null;
        }
        if (code.startsWith("97") || code.startsWith("98")) {
            return OVERSEAS_POSTAL.get(code.substring(0, 3));
        }
        return DEPARTMENTS.get(code.substring(0, 2));
    }

    /** The overseas region of a phone number (E.164, or national French); null for a metropolitan or foreign one. */
    public static @Nullable String fromPhone(@Nullable String phone) {
        if (phone == null || phone.isBlank() || phone.length() > 40) {
            return null;
        }
        try {
            return OVERSEAS_PHONE.get(String.valueOf(PHONES.getRegionCodeForNumber(PHONES.parse(phone, "FR"))));
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static Map<String, String> departments() {
        Map<String, String> regions = new HashMap<>();
        put(regions, "FR-ARA", "01 03 07 15 26 38 42 43 63 69 73 74");
        put(regions, "FR-BFC", "21 25 39 58 70 71 89 90");
        put(regions, "FR-BRE", "22 29 35 56");
        put(regions, "FR-CVL", "18 28 36 37 41 45");
        put(regions, "FR-20R", "20");
        put(regions, "FR-GES", "08 10 51 52 54 55 57 67 68 88");
        put(regions, "FR-HDF", "02 59 60 62 80");
        put(regions, "FR-IDF", "75 77 78 91 92 93 94 95");
        put(regions, "FR-NOR", "14 27 50 61 76");
        put(regions, "FR-NAQ", "16 17 19 23 24 33 40 47 64 79 86 87");
        put(regions, "FR-OCC", "09 11 12 30 31 32 34 46 48 65 66 81 82");
        put(regions, "FR-PDL", "44 49 53 72 85");
        put(regions, "FR-PAC", "04 05 06 13 83 84");
        return Map.copyOf(regions);
    }

    private static void put(Map<String, String> into, String region, String departments) {
        for (String department : departments.split(" ")) {
            into.put(department, region);
        }
    }
}
