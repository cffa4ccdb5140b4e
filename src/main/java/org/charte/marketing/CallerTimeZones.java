package org.charte.marketing;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.charte.common.Zones;
import org.charte.subjects.Contacts;
import org.charte.subjects.PostalAddress;
import org.jspecify.annotations.Nullable;

/**
 * The time zone in which D223-9's call windows are read for a person (L2): from their phone number
 * (libphonenumber's region and time zones: +262 692 is Réunion, +262 639 Mayotte, +590 Guadeloupe, ...), else from a French postal
 * code (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 Réunion, 975 Saint-Pierre-et-Miquelon,
 * 976 Mayotte, 977 Saint-Barthélemy, 978 Saint-Martin, 986 Wallis-et-Futuna, 987 Polynésie
 * française, 988 Nouvelle-Calédonie; 980 Monaco; any other French code is metropolitan), else
 * Europe/Paris.
 *
 * <p>A number or a territory may span several zones (French Polynesia has three): all of them are
 * returned, and a call is allowed only when it is within the windows in every one of them.
 */
public final class CallerTimeZones {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    private static final Map<String, List<String>> OVERSEAS = Map.ofEntries(
            Map.entry("971", List.of("America/Guadeloupe")),
            Map.entry("972", List.of("America/Martinique")),
            Map.entry("973", List.of("America/Cayenne")),
            Map.entry("974", List.of("Indian/Reunion")),
            Map.entry("975", List.of("America/Miquelon")),
            Map.entry("976", List.of("Indian/Mayotte")),
            Map.entry("977", List.of("America/St_Barthelemy")),
            Map.entry("978", List.of("America/Marigot")),
            Map.entry("980", List.of("Europe/Monaco")),
            Map.entry("986", List.of("Pacific/Wallis")),
            Map.entry("987", List.of("Pacific/Tahiti", "Pacific/Marquesas", "Pacific/Gambier")),
            Map.entry("988", List.of("Pacific/Noumea")));

    /**
     * The French overseas territories by the region libphonenumber gives a number: its time-zone map
     * knows +262 only as a whole (Réunion and Mayotte, an hour apart), the region tells them apart.
     */
    private static final Map<String, String> REGIONS = Map.ofEntries(
            Map.entry("GP", "971"), Map.entry("MQ", "972"), Map.entry("GF", "973"), Map.entry("RE", "974"),
            Map.entry("PM", "975"), Map.entry("YT", "976"), Map.entry("BL", "977"), Map.entry("MF", "978"),
            Map.entry("MC", "980"), Map.entry("WF", "986"), Map.entry("PF", "987"), Map.entry("NC", "988"));

    private CallerTimeZones() {}

    /** The zones a phone number (E.164, or national French) belongs to; empty when the number says nothing. */
    public static List<ZoneId> fromPhone(@Nullable String phone) {
        if (phone == null || phone.isBlank() || phone.length() > 40) {
            return List.of();
        }
        PhoneNumber number;
        try {
            number = PHONES.parse(phone, "FR");
        } catch (NumberParseException e) {
            return List.of();
        }
        List<ZoneId> zones = new ArrayList<>();
        String territory = REGIONS.get(String.valueOf(PHONES.getRegionCodeForNumber(number)));
        if (territory != null) {
            OVERSEAS.get(territory).forEach(id -> zone(id, zones));
            return zones;
        }
        for (String id : PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(number)) {
            if (!UNKNOWN.equals(id)) {
                zone(id, zones);
            }
        }
        return zones;
    }

    /** The zones of a French postal code; empty when it is not a French postal code. */
    public static List<ZoneId> fromPostalCode(@Nullable String postalCode) {
        String code = postalCode == null ? "" : postalCode.replace(" ", "");
        if (!code.matches("\\d{5}")) {
            return List.of();
        }
        List<String> ids = OVERSEAS.get(code.substring(0, 3));
        if (ids == null) {
            return code.startsWith("97") || code.startsWith("98") ? List.of() : List.of(Zones.PARIS);
        }
        List<ZoneId> zones = new ArrayList<>();
        ids.forEach(id -> zone(id, zones));
        return zones;
    }

    /** The phone number's zones, else the postal code's, else Europe/Paris (the controller's). */
    public static List<ZoneId> of(@Nullable String phone, @Nullable String postalCode) {
        List<ZoneId> zones = fromPhone(phone);
        if (zones.isEmpty()) {
            zones = fromPostalCode(postalCode);
        }
        return zones.isEmpty() ? List.of(Zones.PARIS) : zones;
    }

    /**
     * A person's zones from their contacts: their first phone's, else their first address's French
     * postal code's, else Europe/Paris (what an agent's call is checked against).
     */
    public static List<ZoneId> of(Contacts contacts) {
        String phone = contacts.phones().isEmpty() ? null : contacts.phones().getFirst();
        String postalCode = null;
        if (!contacts.addresses().isEmpty()) {
            PostalAddress address = contacts.addresses().getFirst();
            postalCode = address.country() == null || "FR".equalsIgnoreCase(address.country()) ? address.postalCode() : null;
        }
        return of(phone, postalCode);
    }

    private static void zone(String id, List<ZoneId> into) {
        try {
            ZoneId zone = ZoneId.of(id);
            if (!into.contains(zone)) {
                into.add(zone);
            }
        } catch (DateTimeException e) {
            // a zone id this JDK does not know: the others still bound the call
        }
    }
}
