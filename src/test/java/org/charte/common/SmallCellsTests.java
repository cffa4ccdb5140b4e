package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmallCellsTests {

    final SmallCells cells = new SmallCells(10);

    @Test
    @DisplayName("R4.2 a cell of fewer people than the threshold is suppressed; at the threshold it shows")
    void suppressesSmallCells() {
        assertThat(cells.shown(0)).isNull();
        assertThat(cells.shown(3)).isNull();
        assertThat(cells.shown(9)).isNull();
        assertThat(cells.shown(10)).isEqualTo(10L);
        assertThat(cells.shown(12)).isEqualTo(12L);
    }

    @Test
    @DisplayName("R4.2 a suppressed count has no rate; a shown one has its share in percent to one decimal")
    void rates() {
        assertThat(cells.rate(3, 40)).isNull();
        assertThat(cells.rate(12, 48)).isEqualTo(25.0);
        assertThat(cells.rate(10, 30)).isEqualTo(33.3);
        assertThat(cells.rate(12, 0)).isNull();
    }

    @Test
    @DisplayName("R4.2 the threshold is at least one person, and a threshold of one shows every count")
    void threshold() {
        assertThatThrownBy(() -> new SmallCells(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SmallCells(1).shown(1)).isEqualTo(1L);
        assertThat(new SmallCells(SmallCells.DEFAULT_MIN_CELL).minCell()).isEqualTo(10);
    }
}
