package org.charte.cookies.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessDecisions.AccessDeniedException;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.common.SmallCells;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DPO's view of cookie choices (L3): per banner version and consent purpose, how many choices
 * accepted and refused it, never a consent id; a cell under the threshold is suppressed
 * ({@link SmallCells}). The decision point decides the read as an aggregate for the purpose
 * {@code compliance-checks} (the DPO's role serves it), and records one audit entry without a subject.
 */
@Service
class ConsentStatistics {

    static final String PURPOSE = "compliance-checks";

    /** One banner version and purpose: choices accepting and refusing it (null when suppressed), the acceptance rate in percent. */
    record Cell(String bannerVersion, String purpose, @Nullable Long accepted, @Nullable Long refused, @Nullable Double acceptanceRate) {}

    record Statistics(int minCell, List<Cell> cells) {}

    private final JdbcConsentRecords rows;
    private final ConsentBanner banner;
    private final AccessDecisions decisions;
    private final SmallCells small;

    ConsentStatistics(JdbcConsentRecords rows, ConsentBanner banner, AccessDecisions decisions,
            @Value("${charte.cookies.statistics.min-cell:" + SmallCells.DEFAULT_MIN_CELL + "}") int minCell) {
        this.rows = rows;
        this.banner = banner;
        this.decisions = decisions;
        this.small = new SmallCells(minCell);
    }

    /**
     * @throws AccessDeniedException when refused (recorded in the audit log)
     */
    @Transactional(readOnly = true)
    Statistics read(Actor actor) {
        decisions.require(new AccessRequest(actor, PURPOSE, AccessRequest.Action.READ, Set.of(), ResourceRef.aggregate()));
        Map<String, Long> counts = new HashMap<>();
        Set<String> versions = new LinkedHashSet<>(rows.banners().keySet());
        for (JdbcConsentRecords.Count c : rows.counts()) {
            counts.merge(c.bannerVersion() + '|' + c.purpose() + '|' + c.accepted(), c.choices(), Long::sum);
            versions.add(c.bannerVersion());
        }
        List<Cell> cells = new ArrayList<>();
        for (String version : versions) {
            for (String purpose : banner.purposes()) {
                long accepted = counts.getOrDefault(version + '|' + purpose + "|true", 0L);
                long refused = counts.getOrDefault(version + '|' + purpose + "|false", 0L);
                cells.add(new Cell(version, purpose, small.shown(accepted), small.shown(refused), small.rate(accepted, accepted + refused)));
            }
        }
        return new Statistics(small.minCell(), cells);
    }
}
