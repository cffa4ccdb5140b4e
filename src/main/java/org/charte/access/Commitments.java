package org.charte.access;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The nominal confidentiality commitment (R6.1, R8.2): its versions and who signed which. */
public interface Commitments {

    record Version(int version, String textFr, String textEn, Instant publishedAt) {
        public String text(Locale locale) {
            return "en".equals(locale.getLanguage()) ? textEn : textFr;
        }
    }

    record Signature(UUID staffId, int version, Instant signedAt) {}

    Version current();

    /** Publishes a new text: everyone must sign again before reaching personal data. */
    Version publish(String textFr, String textEn, UUID publishedBy);

    Signature sign(UUID staffId);

    boolean signedCurrent(UUID staffId);

    List<Signature> signatures(UUID staffId);
}
