package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IdsTests {

    @Test
    @DisplayName("ids are UUIDv7 carrying the injected clock's time, and increase even within one millisecond")
    void uuidV7() {
        Instant at = Instant.parse("2035-01-01T00:00:00Z");
        Ids ids = new Ids(Clock.fixed(at, ZoneOffset.UTC));
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next());
        }
        assertThat(made).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        assertThat(made.getFirst().getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
        assertThat(made).doesNotHaveDuplicates();
        List<String> sorted = made.stream().map(UUID::toString).sorted().toList();
        assertThat(made.stream().map(UUID::toString).toList()).isEqualTo(sorted);
    }
}
