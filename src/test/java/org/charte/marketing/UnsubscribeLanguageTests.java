package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Zones;
import org.charte.marketing.MarketingChoices.NewConsent;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The unsubscribe page a marketing mail links to (L5) speaks the person's browser language when its
 * address names none: {@code ?lang=} first, then {@code Accept-Language}, French otherwise; the other
 * pages keep their address's language.
 */
class UnsubscribeLanguageTests extends RightsTestBase {

    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired MarketingMail mails;

    String unsubscribePath() {
        String email = "langue-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        UUID id = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "LANGUE", "Iris", LocalDate.of(1990, 2, 3)),
                new Contacts(List.of(), List.of(email), List.of()), null), LocalDate.now(clock.withZone(Zones.PARIS)));
        choices.consent(Actor.subject(id), "rights-requests", id, new NewConsent(MarketingChannel.EMAIL, "newsletters", Means.FORM,
                "newsletter-form-v3", null));
        return URI.create(mails.unsubscribeUrl(id, MarketingChannel.EMAIL, "newsletters")).getRawPath();
    }

    String page(String path, String... headers) {
        HttpResponse<String> page = new Http(port).get(path, headers);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }

    @Test
    @DisplayName("L5 the one-click page follows Accept-Language without ?lang= (English for en-GB, French for de or none), ?lang= first; "
            + "the home page stays French whatever the browser says")
    void browserLanguage() {
        String path = unsubscribePath();
        assertThat(page(path, "Accept-Language", "en-GB,en;q=0.9")).contains("lang=\"en\"", "Your marketing choices");
        assertThat(page(path, "Accept-Language", "de-DE,de;q=0.9")).contains("lang=\"fr\"", "Vos choix de sollicitations commerciales");
        assertThat(page(path)).contains("lang=\"fr\"");
        assertThat(page(path, "Accept-Language", "en;q=0.5,fr;q=0.9")).contains("lang=\"fr\"");
        assertThat(page(path + "?lang=fr", "Accept-Language", "en-GB")).contains("lang=\"fr\"", "Vos choix de sollicitations commerciales");
        assertThat(page(path + "?lang=en", "Accept-Language", "fr-FR")).contains("lang=\"en\"", "Your marketing choices");
        assertThat(page(path, "Accept-Language", "x".repeat(5_000))).contains("lang=\"fr\"");
        assertThat(page("/", "Accept-Language", "en-GB")).contains("lang=\"fr\"");
    }
}
