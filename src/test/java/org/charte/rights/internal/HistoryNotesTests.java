package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The codes Charte notes in a request's history, in the page's words (L10); notes stored before a code read the same. */
class HistoryNotesTests {

    static final Locale FR = Locale.FRENCH;
    static final Locale EN = Locale.ENGLISH;

    final HistoryNotes notes = new HistoryNotes(bundles());

    static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/rights");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Test
    @DisplayName("L5 L10 the channel a restriction's lifting was told by, in words: the code stored now and the 'e-mail' stored before")
    void liftingNotice() {
        assertThat(notes.words(RestrictionLifting.NOTICED, HistoryNotes.BY_EMAIL, FR)).contains("par e-mail");
        assertThat(notes.words(RestrictionLifting.NOTICED, "e-mail", FR)).as("stored before the code").contains("par e-mail");
        assertThat(notes.words(RestrictionLifting.NOTICED, HistoryNotes.BY_POST, FR)).contains("par courrier");
        assertThat(notes.words(RestrictionLifting.NOTICED, HistoryNotes.BY_POST, EN)).contains("by post");
        assertThat(notes.words(RestrictionLifting.LIFTED, "accuracy-verified", FR)).contains("exactitude des données vérifiée");
        assertThat(notes.words(RestrictionLifting.LIFTED, "claims-ended", EN)).contains("data no longer needed for legal claims");
        for (String reason : RestrictionLifting.REASONS) {
            assertThat(notes.words(RestrictionLifting.LIFTED, reason, FR)).as(reason).isPresent();
        }
    }

    @Test
    @DisplayName("R9.6 L10 a lapse's note gives the day and the delay in words, never the setting's name")
    void lapse() {
        String stored = "2027-01-31 (charte.rights.unverified-lapse=P1M)";
        assertThat(notes.words(RequestLapses.OUTCOME, stored, FR)).contains("identité non vérifiée au 31/01/2027 (délai de vérification : 1 mois)");
        assertThat(notes.words(RequestLapses.OUTCOME, stored, EN)).contains("identity not verified by 31 Jan 2027 (time allowed to verify: 1 month)");
        assertThat(notes.words(RequestLapses.OUTCOME, "2027-01-31 (charte.rights.unverified-lapse=P1Y2M3D)", FR))
                .contains("identité non vérifiée au 31/01/2027 (délai de vérification : 1 an, 2 mois et 3 jours)");
        assertThat(notes.words(RequestLapses.OUTCOME, "2027-01-31 (charte.rights.unverified-lapse=P2W)", EN))
                .contains("identity not verified by 31 Jan 2027 (time allowed to verify: 14 days)");
    }

    @Test
    @DisplayName("R9.1 L10 the fields a rectification names, by their names; a list with a field unknown is left as it is")
    void fields() {
        assertThat(notes.words("rectification-reviewed", "lastName, phone", FR)).contains("nom, téléphone");
        assertThat(notes.words("rectification-reviewed", "addressLine, otherInformation", EN)).contains("address, other information");
        assertThat(notes.words("fulfilment-refused", "postalCode", FR)).contains("code postal");
        for (String field : RequestPage.RECTIFIABLE) {
            // each has its words in both bundles (a missing one would throw)
            assertThat(notes.words("rectification-reviewed", field, FR)).as(field).isPresent();
            assertThat(notes.words("rectification-reviewed", field, EN)).as(field).isPresent();
        }
        assertThat(notes.words("fulfilment-refused", "postalCode, somethingElse", FR)).isEmpty();
    }

    @Test
    @DisplayName("R9.7 L10 the day information came in and an OpenDSR cancellation in words; staff's own text is not Charte's to word")
    void others() {
        assertThat(notes.words("information-received", "2027-02-03", FR)).contains("03/02/2027");
        assertThat(notes.words("information-received", "2027-02-03", EN)).contains("3 Feb 2027");
        assertThat(notes.words("cancelled", "OpenDSR cancellation of 0a1b2c3d-0000-4000-8000-000000000001", FR))
                .hasValueSatisfying(t -> assertThat(t).startsWith("annulation demandée par OpenDSR (demande ").doesNotContain("0a1b2c3d-0000"));
        assertThat(notes.words("cancelled", "La personne ne souhaite plus donner suite.", FR)).isEmpty();
        assertThat(notes.words("information-asked", "e-mail", FR)).as("a note is worded by its step, not by its text alone").isEmpty();
    }
}
