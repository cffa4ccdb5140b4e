package org.charte.cookies.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.charte.access.CurrentActor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Audience statistics for the DPO (R4.4), in JSON and CSV: counts only, small cells null (JSON) or empty (CSV). */
@RestController
@Tag(name = "Audience beacon")
class AudienceStatisticsApi {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final AudienceStatistics statistics;
    private final CurrentActor actors;

    AudienceStatisticsApi(AudienceStatistics statistics, CurrentActor actors) {
        this.statistics = statistics;
        this.actors = actors;
    }

    @GetMapping("/api/v1/cookies/audience")
    @Operation(summary = "Audience statistics (R4.4): per day, page, entry page, referring site, browser, system and country", description = "For "
            + "the purpose compliance-checks (the DPO's role), audited as an aggregate read. from and to (YYYY-MM-DD, the last 30 days by "
            + "default, at most 25 months), site (an origin, all sites by default). Figures under charte.cookies.statistics.min-cell (10 "
            + "by default) are null; an item whose figures are all under it is left out and counted in suppressed.")
    AudienceStatistics.Statistics read(Authentication authentication, @RequestParam(name = "from", required = false) @Nullable String from,
            @RequestParam(name = "to", required = false) @Nullable String to, @RequestParam(name = "site", required = false) @Nullable String site) {
        AudienceStatistics.Period period = statistics.period(from, to, site);
        return statistics.read(actors.of(authentication), period);
    }

    @GetMapping("/api/v1/cookies/audience.csv")
    @Operation(summary = "The same audience statistics as CSV (R4.4): section, day or item, views, visits, visitors; a suppressed figure is empty")
    ResponseEntity<String> csv(Authentication authentication, @RequestParam(name = "from", required = false) @Nullable String from,
            @RequestParam(name = "to", required = false) @Nullable String to, @RequestParam(name = "site", required = false) @Nullable String site) {
        AudienceStatistics.Period period = statistics.period(from, to, site);
        AudienceStatistics.Statistics s = statistics.read(actors.of(authentication), period);
        StringBuilder csv = new StringBuilder("section,item,views,visits,visitors\r\n");
        for (AudienceStatistics.Day d : s.days()) {
            line(csv, "day", d.day().toString(), d.views(), d.visits(), d.visitors());
        }
        s.lists().values().forEach(r -> r.items().forEach(i -> line(csv, r.dimension(), i.item(), i.views(), i.visits(), null)));
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audience-" + s.from() + "-" + s.to() + ".csv\"")
                .body(csv.toString());
    }

    private static void line(StringBuilder csv, String section, String item, @Nullable Long views, @Nullable Long visits, @Nullable Long visitors) {
        csv.append(section).append(',').append(cell(item)).append(',').append(views == null ? "" : views).append(',')
                .append(visits == null ? "" : visits).append(',').append(visitors == null ? "" : visitors).append("\r\n");
    }

    /** Quoted, and never read as a formula by a spreadsheet (a page path is whatever a site sent). */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}
