package org.charte.mail.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.jspecify.annotations.Nullable;

/**
 * Phone numbers as the SMS gateway needs them: E.164 ("+33612345678") for Charte, the digits with
 * the international type of number for the SMSC. A number written nationally is taken as French.
 * Framework-free.
 */
final class SmsNumbers {

    static final String DEFAULT_REGION = "FR";
    /** SMPP's type of number "international" (TON 1). */
    static final byte TON_INTERNATIONAL = 1;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private SmsNumbers() {}

    /** The number in E.164, or null when it is not a valid phone number. */
    static @Nullable String e164(@Nullable String number) {
        if (number == null || number.isBlank() || number.length() > 40) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber parsed = PHONES.parse(number.strip(), DEFAULT_REGION);
            return PHONES.isValidNumber(parsed) ? PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * The E.164 form of an address an SMSC gives (source_addr of a deliver_sm): with the
     * international type of number the digits carry the country code without "+"; otherwise they
     * may be national, international with "+" or "00", or international digits without a sign.
     */
    static @Nullable String fromSmsc(@Nullable String address, byte ton) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String digits = address.strip();
        if (ton == TON_INTERNATIONAL && !digits.startsWith("+")) {
            return e164("+" + digits);
        }
        String national = e164(digits);
        if (national != null || digits.startsWith("+") || digits.startsWith("0")) {
            return national;
        }
        return e164("+" + digits);
    }

    /** The digits an SMSC expects for an E.164 number (with TON international): without the "+". */
    static String smscDigits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
