package org.charte.cookies.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.charte.access.CurrentActor;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The aggregate of cookie choices for the DPO (L3), in JSON: no consent id, small cells null. */
@RestController
@Tag(name = "Cookie consents")
class ConsentStatisticsApi {

    private final ConsentStatistics statistics;
    private final CurrentActor actors;

    ConsentStatisticsApi(ConsentStatistics statistics, CurrentActor actors) {
        this.statistics = statistics;
        this.actors = actors;
    }

    record CellBody(String bannerVersion, String cookiePurpose, @Nullable Long accepted, @Nullable Long refused, @Nullable Double acceptanceRate) {}

    record StatisticsBody(String purpose, int minCell, List<CellBody> cells) {}

    @GetMapping("/api/v1/cookies/statistics")
    @Operation(summary = "Cookie choices per banner version and consent purpose (L3)", description = "For the purpose compliance-checks (the "
            + "DPO's role), audited as an aggregate read: how many recorded choices accepted and refused each purpose on each banner "
            + "version, and the acceptance rate. Cells under charte.cookies.statistics.min-cell (10 by default) are null.")
    StatisticsBody read(Authentication authentication) {
        ConsentStatistics.Statistics s = statistics.read(actors.of(authentication));
        return new StatisticsBody(ConsentStatistics.PURPOSE, s.minCell(), s.cells().stream()
                .map(c -> new CellBody(c.bannerVersion(), c.purpose(), c.accepted(), c.refused(), c.acceptanceRate())).toList());
    }
}
