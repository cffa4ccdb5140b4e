package org.charte.hosting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.charte.common.InvalidInputException;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StoreLocationsTests {

    static final Policy.Storage STORAGE = PolicyLoader.loadDefault().storage();

    static String refusal(Map<String, String> configured, String storeId) {
        try {
            StoreLocations.place(STORAGE, configured, storeId);
        } catch (InvalidInputException e) {
            assertThat(e.errors()).extracting(InvalidInputException.FieldError::field).containsExactly("storeId");
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }

    @Test
    @DisplayName("R7.1 a hosted database goes only into a declared store whose configured location is the policy's and allowed (FR)")
    void placement() {
        assertThat(StoreLocations.place(STORAGE, Map.of("hosted-databases", "fr"), "hosted-databases"))
                .isEqualTo(new StoreLocations.Placement("hosted-databases", "FR"));
        assertThat(refusal(Map.of("hosted-databases", "FR"), "offshore")).contains("not a data store the policy declares");
        assertThat(refusal(Map.of("hosted-databases", "FR"), "backups")).contains("not configured");
        assertThat(refusal(Map.of("hosted-databases", "DE"), "hosted-databases")).contains("configured in DE", "allowed locations (FR)");
        assertThat(refusal(Map.of("hosted-databases", "US"), "hosted-databases")).contains("configured in US");
        assertThat(refusal(Map.of(), "")).contains("name the data store");
        assertThat(refusal(Map.of(), "../etc")).contains("must be a store id");
    }

    @Test
    @DisplayName("R7.1 a configured location that disagrees with the policy is refused, even an allowed one")
    void disagreement() {
        Policy.Storage frAndDe = new Policy.Storage(List.of("FR", "DE"), STORAGE.stores());
        assertThatThrownBy(() -> StoreLocations.place(frAndDe, Map.of("hosted-databases", "DE"), "hosted-databases"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("but the policy declares it in FR");
    }

    @Test
    @DisplayName("R7.1 at start-up, every configured store outside the allowed locations, unknown or without a location is named")
    void startup() {
        assertThat(StoreLocations.startupProblems(STORAGE, Map.of("hosted-databases", "FR"))).isEmpty();
        assertThat(StoreLocations.startupProblems(STORAGE, Map.of("hosted-databases", "US", "elsewhere", "FR", "backups", "")))
                .containsExactly(
                        "charte.hosting.stores.backups.location is missing: every data store declares its location",
                        "charte.hosting.stores.elsewhere: the policy declares no data store 'elsewhere' (its stores: platform-database, hosted-databases, backups)",
                        "charte.hosting.stores.hosted-databases.location: store 'hosted-databases' is configured in US, outside the policy's allowed locations (FR)");
    }
}
