package org.charte.marketing.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Optional;

/**
 * The forms the suppression list hashes (L9): an e-mail stripped and in lower case, a phone in E.164
 * (libphonenumber; a number without its country is read as French), so the same address typed
 * another way finds the same entry.
 */
final class AddressNormalisation {

    static final String EMAIL = "email";
    static final String PHONE = "phone";
    private static final int MAX = 254;
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private AddressNormalisation() {}

    static Optional<String> email(String email) {
        String value = email.strip().toLowerCase(Locale.ROOT);
        return value.isEmpty() || value.length() > MAX || value.indexOf('@') < 1 ? Optional.empty() : Optional.of(value);
    }

    static Optional<String> phone(String phone) {
        if (phone.isBlank() || phone.length() > 40) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(phone.strip(), "FR");
            return PHONES.isValidNumber(number) ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
