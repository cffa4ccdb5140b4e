package org.charte.rights.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.charte.marketing.PersonLanguages;
import org.springframework.stereotype.Component;

/** The language a person chose with us: that of their latest rights request (the privacy centre's page, or the one a letter was answered in). */
@Component
class RequestLanguages implements PersonLanguages {

    private final RequestStore store;

    RequestLanguages(RequestStore store) {
        this.store = store;
    }

    @Override
    public Optional<Locale> of(UUID subjectId) {
        return store.latestLanguage(subjectId).map(code -> "en".equals(code) ? Locale.ENGLISH : Locale.FRENCH);
    }
}
