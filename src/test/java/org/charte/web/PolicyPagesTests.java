package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.Policy;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CharteIntegrationTest
class PolicyPagesTests {

    /** The purposes of §4 as the seed text (v1.2) words them: the French page must carry each. */
    static final List<String> SEED_PURPOSES = List.of(
            "Prise en compte de votre souscription à un contrat d'abonnement Gestan Cloud, et exécution de ce contrat",
            "Prise en compte de votre commande de produits ou services et exécution de cette commande",
            "Gestion des abonnements à nos newsletters et/ou alertes e-mails",
            "Facturation ; perception des paiements",
            "Gestion des livraisons et suivi de commandes",
            "Relation clients : mise à disposition d'un Service clients accessible par courrier, téléphone, e-mail ou par messagerie instantanée de type chat, pour toute question ou réclamation",
            "Réalisation d'enquêtes de satisfaction",
            "Envoi d'informations sur la modification ou l'évolution de nos services",
            "Gestion des impayés et des contentieux",
            "Gestion de l'exercice de vos droits sur vos données personnelles, dans les conditions prévues au §9 de la politique",
            "Vérification du respect de la législation applicable, de nos contrats et conditions générales d'utilisation",
            "Actions de fidélisation ou de prospection commerciales personnalisées",
            "Recueil des avis clients",
            "Élaboration de statistiques commerciales",
            "Les données recueillies ne font l'objet d'aucun partenariat commercial.",
            "Fonctionnement et optimisation de la navigation",
            "Mesure de fréquentation et d'audience",
            "Mise à disposition d'outils de partage sur les réseaux sociaux");

    @LocalServerPort
    int port;

    @Autowired
    CurrentPolicy current;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private Document page(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        return Jsoup.parse(response.body());
    }

    @Test
    @DisplayName("R1.1 R4.1 R4.2 R4.4 the French policy page carries every purpose of the seed, from the policy file")
    void frenchPageCarriesEveryPurpose() {
        Document page = page("/politique-de-confidentialite");
        String text = page.text();
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(SEED_PURPOSES).allSatisfy(purpose -> assertThat(text).contains(purpose));
        for (Policy.Purpose purpose : current.policy().purposes()) {
            assertThat(text).contains(purpose.label().fr());
        }
        assertThat(text).contains("Version 1.3 du 15/01/2027");
    }

    /** The page of the published 1.2, a known version on every database (L10). */
    private String v12() {
        return "?version=" + current.versions().stream().filter(v -> v.label().equals("1.2")).findFirst().orElseThrow().id();
    }

    @Test
    @DisplayName("R5.1 R5.2 R5.3 R5.4 R5.5 L4 L8 the French policy page carries every retention period of the seed as 1.3 corrects it; the 1.2 page keeps the seed's")
    void frenchPageCarriesEveryRetentionPeriod() {
        Element retention = page("/politique-de-confidentialite").getElementById("conservation");
        assertThat(retention).isNotNull();
        String text = retention.text();
        assertThat(text)
                .contains("Prospects : ensemble des données de prospection : pendant 3 ans à compter du dernier contact enregistré, puis supprimées.")
                .contains("Clients actifs : toutes les données du compte client : pendant toute la durée de la relation contractuelle.")
                .contains("Clients inactifs : données du compte client, pour la relation et nos offres : pendant 3 ans après le dernier en date des événements suivants : la fin du contrat ou le dernier contact émanant de la personne, puis placées en archive intermédiaire.")
                .contains("Références de carte bancaire conservées pour les contestations : pendant 13 mois à compter du débit, puis supprimées.")
                .as("L4: the intermediate archive's obligations").contains("archive intermédiaire")
                .contains("(C. com. art. L123-22) : pendant 10 ans à compter de la date de la pièce.")
                .contains("(C. civ. art. 2224) : pendant 5 ans à compter de la fin du contrat.")
                .contains("Données de navigation sur nos sites : pendant 25 mois à compter de la collecte, puis supprimées.")
                .contains("pendant 13 mois")
                .contains("pendant 30 jours à compter de la date de résiliation du contrat, puis définitivement détruites.");
        String published = page("/politique-de-confidentialite" + v12()).getElementById("conservation").text();
        assertThat(published)
                .contains("Clients inactifs : toutes les données du compte client : pendant 10 ans après le dernier en date des événements suivants : la fin du contrat ou le dernier contact émanant de la personne, puis supprimées.")
                .contains("pendant toute l'existence du site").doesNotContain("archive intermédiaire");
    }

    @Test
    @DisplayName("R9.9 R9.10 §9.2 is rendered from the policy's marketing section, in the seed's words in French and in English")
    void marketingSection() {
        Element rights = page("/politique-de-confidentialite" + v12()).getElementById("droits");
        assertThat(rights).isNotNull();
        assertThat(rights.select("div.marketing h4").eachText()).containsExactly(
                "Sollicitations commerciales par voie électronique (e-mail et SMS)",
                "Sollicitations commerciales sur les applications mobiles",
                "Sollicitations commerciales par téléphone", "Sollicitations par tout autre moyen");
        assertThat(rights.select("div.marketing").text())
                .contains("Nous sommes susceptibles d'utiliser vos coordonnées dans le cadre de sollicitations commerciales, en conformité avec la loi applicable et les clauses de la présente politique de confidentialité.")
                .contains("Nous respectons les règles de l'article L.34-5 du code des postes et des communications électroniques")
                .contains("limitées à la population des clients Gestan Cloud existants, et la proposition de produits ou services analogues à ceux que nous fournissons déjà.")
                .contains("en cliquant sur le lien de désabonnement présent dans chaque mail, en adressant STOP SMS au numéro indiqué dans celui-ci, ou en vous adressant directement au service client d'ICS-Informatique.")
                .contains("Aucune sollicitation commerciale n'est effectuée sur nos applications mobiles")
                .contains("vous avez la possibilité de vous inscrire sur la liste d'opposition au démarchage téléphonique accessible sur le site www.bloctel.gouv.fr")
                .contains("Nous vous invitons à contacter notre service clients pour lui signaler que vous ne souhaitez pas faire l'objet de ces sollicitations.");
        Element english = page("/en/privacy-policy" + v12()).getElementById("droits");
        assertThat(english.select("div.marketing h4").eachText()).contains("Solicitations by phone");
        assertThat(english.select("div.marketing").text()).contains("We send no commercial solicitation through our mobile apps.")
                .contains("www.bloctel.gouv.fr").doesNotContain("Sollicitations");
        String corrected = page("/politique-de-confidentialite").getElementById("droits").select("div.marketing").text();
        assertThat(corrected).as("L2 L9: 1.3").contains("Depuis le 11 août 2026").contains("consentement préalable")
                .contains("en un clic sur le lien de désabonnement").doesNotContain("bloctel");
    }

    @Test
    @DisplayName("R2.1 R8.1 R9.8 the policy page names the controller, the DPO and the CNIL complaint address")
    void controllerDpoAndCnil() {
        String text = page("/politique-de-confidentialite").text();
        assertThat(text).contains("ICS-Informatique SARL, 88 avenue des Ternes, 75017 PARIS")
                .contains("SIRET 447 657 040 00013").contains("RCS Paris B 447 657 040").contains("FR 21 447657040")
                .contains("Délégué à la protection des données : M. Etienne Neuville, contact@ics-informatique.com")
                .contains("https://www.cnil.fr/fr/plaintes");
    }

    @Test
    @DisplayName("R1.1 the English policy page is rendered from the same file")
    void englishPage() {
        Document page = page("/en/privacy-policy");
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.selectFirst("a.lang").attr("href")).isEqualTo("/politique-de-confidentialite");
        assertThat(page("/politique-de-confidentialite").selectFirst("a.lang").attr("href")).isEqualTo("/en/privacy-policy");
        assertThat(page("/backoffice/connexion").selectFirst("a.lang").attr("href")).isEqualTo("/backoffice/connexion?lang=en");
        String text = page.text();
        for (Policy.Purpose purpose : current.policy().purposes()) {
            assertThat(text).contains(purpose.label().en());
        }
        assertThat(text).contains("Version 1.3 of 15 Jan 2027").contains("for 3 years from the last recorded contact")
                .contains("for 30 days from the date the contract is terminated").doesNotContain("Finalités");
    }

    @Test
    @DisplayName("R1.1 R7.2 the Art. 30 register has its mandatory columns and one row per purpose")
    void register() {
        Document page = page("/registre-des-traitements");
        assertThat(page.select("table.register thead th").eachText()).containsExactly("Finalité", "Base légale",
                "Catégories de personnes", "Catégories de données", "Destinataires", "Transferts hors UE et garanties",
                "Délais d'effacement", "Mesures de sécurité");
        assertThat(page.text()).contains("ICS-Informatique SARL").contains("M. Etienne Neuville");
        List<Policy.Purpose> purposes = current.policy().purposes();
        assertThat(page.select("table.register tbody tr")).hasSize(purposes.size());
        Element sharing = page.getElementById("purpose-cookies-social-sharing");
        assertThat(sharing).isNotNull();
        assertThat(sharing.text()).contains("votre consentement").contains("Art. 6(1)(a)")
                .contains("États-Unis").contains("clauses contractuelles types");
        Element prospecting = page.getElementById("purpose-loyalty-prospecting");
        assertThat(prospecting.text()).contains("Prospects : ensemble des données de prospection : 3 ans");
        assertThat(page.getElementById("security").nextElementSibling().select("li")).hasSize(current.policy().securityMeasures().size());
        assertThat(page("/en/record-of-processing-activities").select("table.register thead th").first().text()).isEqualTo("Purpose");
    }

    @Test
    @DisplayName("R1.1 the policy in force is stored with its content hash and every version stays available")
    void versionStored() {
        var version = current.version();
        assertThat(version.sha256()).isEqualTo(current.policy().contentSha256());
        assertThat(current.versions()).extracting(v -> v.id()).contains(version.id());
        Document same = page("/politique-de-confidentialite?version=" + version.id());
        assertThat(same.text()).contains("Version 1.3 du 15/01/2027");
        Document old = page("/politique-de-confidentialite" + v12());
        assertThat(old.text()).contains("Version 1.2 du 27/12/2024").contains("Cette version reste en vigueur jusqu'au 15/01/2027, date d'effet de la version 1.3.")
                .doesNotContain("n'est plus en vigueur");
        assertThat(http.get("/politique-de-confidentialite?version=0190a5e2-7c3b-7def-8abc-0123456789ab").statusCode()).isEqualTo(404);
    }
}
