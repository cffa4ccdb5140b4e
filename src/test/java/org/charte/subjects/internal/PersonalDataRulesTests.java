package org.charte.subjects.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.Zones;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PostalAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The entry rules of R3.1, field by field, without Spring. */
class PersonalDataRulesTests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), Zones.PARIS);
    final PostalCodes postalCodes = new PostalCodes();
    final PersonalDataRules rules = new PersonalDataRules(CLOCK, postalCodes, new WordListScreen(null));

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
            "06 12 34 56 78, +33612345678",
            "0612345678, +33612345678",
            "+33 6 12 34 56 78, +33612345678",
            "0033 612 345 678, +33612345678",
            "01.45.67.89.10, +33145678910",
            "+44 20 7946 0958, +442079460958",
            "+1 (415) 555-2671, +14155552671"})
    @DisplayName("R3.1 a phone number is stored in E.164, French when it has no country code")
    void e164(String typed, String stored) {
        assertThat(rules.e164(typed)).isEqualTo(stored);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"12", "06 12 34", "not a phone", "+33 6 12 34 56 78 90 12", "00000000000"})
    @DisplayName("R3.1 what is not a phone number is refused")
    void badPhones(String typed) {
        assertThat(rules.e164(typed)).isNull();
    }

    @Test
    @DisplayName("R3.1 e-mails are checked and stored trimmed and in lower case")
    void emails() {
        assertThat(PersonalDataRules.normalisedEmail("  Camille.Durand@Exemple.FR ")).isEqualTo("camille.durand@exemple.fr");
        assertThat(PersonalDataRules.normalisedEmail("a+tag@sub.domaine.fr")).isEqualTo("a+tag@sub.domaine.fr");
        for (String bad : List.of("camille", "camille@", "@exemple.fr", "camille@exemple", "ca mille@exemple.fr", "camille..d@exemple.fr",
                "camille@exemple..fr", "camille@-exemple.fr")) {
            assertThat(PersonalDataRules.normalisedEmail(bad)).as(bad).isNull();
        }
    }

    @Test
    @DisplayName("R3.1 French postal codes and communes come from the official list; communes match whatever their spelling")
    void postalCodes() {
        assertThat(postalCodes.size()).isGreaterThan(6000);
        assertThat(postalCodes.commune("21000", "dijon")).contains("Dijon");
        assertThat(postalCodes.commune("75011", "Paris")).contains("PARIS");
        assertThat(postalCodes.commune("75011", "Paris 11e arrondissement")).contains("Paris 11e Arrondissement");
        assertThat(postalCodes.commune("42000", "ST ETIENNE")).contains("Saint-Étienne");
        assertThat(postalCodes.commune("97139", "les abymes")).contains("Les Abymes");
        assertThat(postalCodes.commune("21000", "Lyon")).isEmpty();
        assertThat(postalCodes.exists("00000")).isFalse();
    }

    @Test
    @DisplayName("R3.1 every invalid field is named, never with its value; valid ones come back normalised")
    void fieldByField() {
        PersonalDataRules.Findings findings = new PersonalDataRules.Findings();
        Identity identity = rules.identity(new Identity("madame", "  Dupont-Martin ", "Anne  Marie", LocalDate.of(2027, 1, 1)), findings);
        Contacts contacts = rules.contacts(new Contacts(List.of(
                new PostalAddress(List.of("12 rue Pasteur", " "), "21000", "dijon", null),
                new PostalAddress(List.of("3 place du Marché"), "2100", "Dijon", "FR"),
                new PostalAddress(List.of("3 place du Marché"), "69003", "Dijon", "fr"),
                new PostalAddress(List.of(), "EC1A 1BB", "London", "GB")),
                List.of("A@B.FR", "pas-un-email"), List.of("06 12 34 56 78", "123")), findings);
        assertThat(identity).isEqualTo(new Identity("Mme", "Dupont-Martin", "Anne Marie", LocalDate.of(2027, 1, 1)));
        assertThat(contacts.emails()).containsExactly("a@b.fr");
        assertThat(contacts.phones()).containsExactly("+33612345678");
        assertThat(contacts.addresses().getFirst()).isEqualTo(new PostalAddress(List.of("12 rue Pasteur"), "21000", "Dijon", "FR"));
        assertThat(findings.errors).extracting(FieldError::field).containsExactly("identity.birthDate",
                "contacts.addresses[1].postalCode", "contacts.addresses[2].commune", "contacts.addresses[3].lines",
                "contacts.emails[1]", "contacts.phones[1]");
        assertThat(findings.errors).extracting(FieldError::message).noneMatch(m -> m.contains("pas-un-email") || m.contains("123")
                || m.contains("2100") || m.contains("Dijon"));
    }

    @Test
    @DisplayName("R3.6 a structured field holding an unambiguous sensitive phrase is refused with its categories, never its words")
    void structuredRefusal() {
        PersonalDataRules.Findings findings = new PersonalDataRules.Findings();
        rules.identity(new Identity("M.", "Durand", "Paul dossier médical", null), findings);
        rules.contacts(new Contacts(List.of(new PostalAddress(List.of("Certificat médical joint", "2 rue Pasteur"), "21000",
                "Dijon", "FR")), List.of(), List.of()), findings);
        assertThat(findings.errors).extracting(FieldError::field).containsExactly("identity.firstNames", "contacts.addresses[0].lines[0]");
        assertThat(findings.errors).extracting(FieldError::message).allMatch(m -> m.equals("must not hold sensitive data (health)"));
        String other = rules.otherInformation("Client diabétique, rappeler le matin.", findings);
        assertThat(other).isEqualTo("Client […], rappeler le matin.");
    }

    @Test
    @DisplayName("R3.1 R8.5 NUL, other control characters and bidi overrides are refused in names, address lines, communes, e-mails, phones and the free text")
    void controlCharacters() {
        for (String c : List.of("\u0000", "\u0007", "\u009b", "\u202e", "\u2067")) {
            PersonalDataRules.Findings findings = new PersonalDataRules.Findings();
            rules.identity(new Identity(null, "Du" + c + "pont", "Anne" + c, null), findings);
            rules.contacts(new Contacts(List.of(new PostalAddress(List.of("2 rue" + c + " Pasteur"), "21000", "Dijon", null),
                    new PostalAddress(List.of("10 Downing Street"), "SW1A 2AA", "Lon" + c + "don", "GB")),
                    List.of("anne" + c + "@exemple.fr"), List.of("06 12 34 56 78" + c)), findings);
            rules.otherInformation("Préfère être appelée le matin." + c, findings);
            assertThat(findings.errors).extracting(FieldError::field).as("character U+%04X", (int) c.charAt(0)).containsExactlyInAnyOrder(
                    "identity.lastName", "identity.firstNames", "contacts.addresses[0].lines[0]", "contacts.addresses[1].commune",
                    "contacts.emails[0]", "contacts.phones[0]", "otherInformation");
        }
        PersonalDataRules.Findings findings = new PersonalDataRules.Findings();
        rules.otherInformation("Préfère être appelée le matin.\n\tPas le lundi.", findings);
        rules.contacts(new Contacts(List.of(new PostalAddress(List.of("2 rue\tPasteur\n"), "21000", "Dijon", null)), List.of(), List.of()), findings);
        assertThat(findings.errors).as("free text keeps line breaks and tabs; an address line folds them into spaces").isEmpty();
    }
}
