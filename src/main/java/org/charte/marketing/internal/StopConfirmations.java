package org.charte.marketing.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.charte.marketing.PersonLanguages;
import org.charte.policy.Policy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The text confirming an SMS STOP (R9.9): the policy's confirmation in the person's language when the
 * number is one person's and that person chose a language ({@link PersonLanguages}), in French otherwise
 * (several people or nobody behind the number: the language is not known).
 */
@Component
class StopConfirmations {

    private final Policy policy;
    private final ObjectProvider<PersonLanguages> languages;

    StopConfirmations(Policy policy, ObjectProvider<PersonLanguages> languages) {
        this.policy = policy;
        this.languages = languages;
    }

    /** The confirmation for a STOP from the number of these people. */
    String text(List<UUID> people) {
        PersonLanguages known = languages.getIfAvailable();
        Optional<Locale> language = people.size() == 1 && known != null ? known.of(people.getFirst()) : Optional.empty();
        return confirmation(policy.marketing(), language.orElse(Locale.FRENCH));
    }

    /** The policy's confirmation in that language (French unless English); without one, the sender and a plain sentence. */
    static String confirmation(Policy.Marketing marketing, Locale language) {
        boolean english = "en".equals(language.getLanguage());
        Policy.SmsStop sms = marketing.sms();
        if (sms != null) {
            String text = english ? sms.confirmation().en() : sms.confirmation().fr();
            if (!text.isBlank()) {
                return text;
            }
        }
        return english ? marketing.sender().en() + ": your objection is recorded, you will receive no more offers by SMS."
                : marketing.sender().fr() + " : votre opposition est enregistrée, vous ne recevrez plus nos offres par SMS.";
    }
}
