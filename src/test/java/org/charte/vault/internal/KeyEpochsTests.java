package org.charte.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyEpochsTests {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    final KeyEpochs epochs = new KeyEpochs(Duration.ofDays(30), 2);

    @Test
    @DisplayName("R8.4 an epoch lasts its length (30 days by default): a new one is due on the day it has run that long, and at once when there is none")
    void rotation() {
        assertThat(new KeyEpochs(KeyEpochs.DEFAULT_LENGTH, KeyEpochs.DEFAULT_HORIZON).backupHorizon()).isEqualTo(Duration.ofDays(60));
        assertThat(epochs.nextStart(START)).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(epochs.rotationDue(START, Instant.parse("2026-01-30T23:59:59Z"))).as("a second before").isFalse();
        assertThat(epochs.rotationDue(START, Instant.parse("2026-01-31T00:00:00Z"))).as("the moment it has run 30 days").isTrue();
        assertThat(epochs.rotationDue(null, START)).as("no epoch yet").isTrue();
    }

    @Test
    @DisplayName("R8.4 an epoch's key is destroyable a backup horizon (2 epochs) after the epoch ended, never while it is current, oldest first")
    void destruction() {
        Instant second = START.plus(Duration.ofDays(30));
        Instant third = START.plus(Duration.ofDays(60));
        List<KeyEpochs.Span> live = List.of(new KeyEpochs.Span(3, third, null), new KeyEpochs.Span(1, START, second),
                new KeyEpochs.Span(2, second, third));
        assertThat(epochs.destructionDue(second)).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(epochs.destroyable(live, Instant.parse("2026-03-31T23:59:59Z"))).as("epoch 1 ended 2026-01-31: kept 60 days").isEmpty();
        assertThat(epochs.destroyable(live, Instant.parse("2026-04-01T00:00:00Z"))).extracting(KeyEpochs.Span::number).containsExactly(1L);
        assertThat(epochs.destroyable(live, Instant.parse("2030-01-01T00:00:00Z"))).as("the current epoch, never")
                .extracting(KeyEpochs.Span::number).containsExactly(1L, 2L);
    }

    @Test
    @DisplayName("R8.4 a backup taken during an epoch is past the horizon when that epoch's key is destroyed: no backup within the horizon is lost, none older opens")
    void backupsWithinTheHorizonOnly() {
        Instant end = START.plus(Duration.ofDays(30));
        Instant destroyed = epochs.destructionDue(end);
        Instant lastBackupOfTheEpoch = end.minusSeconds(1);
        assertThat(Duration.between(lastBackupOfTheEpoch, destroyed)).isGreaterThan(epochs.backupHorizon());
        // An erasure on the epoch's first day: every backup from before it is under this epoch or an older one, all destroyed by then.
        assertThat(Duration.between(START, destroyed)).isEqualTo(Duration.ofDays(90));
    }

    @Test
    @DisplayName("R8.4 an epoch shorter than a minute or a horizon under one epoch is refused")
    void bounds() {
        assertThatThrownBy(() -> new KeyEpochs(Duration.ofSeconds(30), 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyEpochs(Duration.ofDays(30), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
