package org.charte;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.charte.testing.CharteIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

@CharteIntegrationTest
class EventRegistryTests {

    record SomethingHappened(UUID id) {}

    @Autowired
    EventPublicationRepository publications;

    @Test
    @DisplayName("the JDBC event publication registry works on the table Flyway created: an event is kept until completed")
    void publicationsSurvive() {
        SomethingHappened event = new SomethingHappened(UUID.randomUUID());
        PublicationTargetIdentifier listener = PublicationTargetIdentifier.of("registry-test-listener");
        TargetEventPublication publication = publications.create(TargetEventPublication.of(event, listener, Instant.parse("2026-11-26T10:00:00Z")));

        assertThat(publications.findIncompletePublications()).extracting(TargetEventPublication::getIdentifier)
                .contains(publication.getIdentifier());
        assertThat(publications.findIncompletePublicationsByEventAndTargetIdentifier(event, listener)).isPresent();

        publications.markCompleted(publication.getIdentifier(), Instant.parse("2026-11-26T10:00:01Z"));
        assertThat(publications.findIncompletePublications()).extracting(TargetEventPublication::getIdentifier)
                .doesNotContain(publication.getIdentifier());
        publications.deleteCompletedPublications();
    }
}
