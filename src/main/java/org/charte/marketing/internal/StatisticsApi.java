package org.charte.marketing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.charte.access.CurrentActor;
import org.charte.common.InvalidInputException;
import org.charte.marketing.internal.CommercialStatistics.Statistics;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commercial statistics over HTTP (R4.2): aggregates only, in JSON or CSV. A suppressed cell (fewer
 * people than {@code charte.marketing.statistics.min-cell}) is null in JSON and empty in CSV.
 */
@RestController
@RequestMapping("/api/v1/marketing")
@Tag(name = "Marketing", description = "A basis per person, channel and marketing purpose; commercial statistics as aggregates only.")
class StatisticsApi {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final CommercialStatistics statistics;
    private final CurrentActor actors;

    StatisticsApi(CommercialStatistics statistics, CurrentActor actors) {
        this.statistics = statistics;
        this.actors = actors;
    }

    record CellBody(String channel, String marketingPurpose, @Nullable Long consents, @Nullable Double consentRate, @Nullable Long withdrawals,
            @Nullable Long objections, @Nullable Double objectionRate) {}

    record StatusBody(String status, @Nullable Long people) {}

    record CampaignBody(String name, String channel, String marketingPurpose, LocalDate sentOn, @Nullable Long sent, @Nullable Long objectionsAfter) {}

    record CountBody(String code, @Nullable Long people) {}

    record StatisticsBody(String purpose, int minCell, @Nullable Long people, List<StatusBody> statuses, List<CellBody> cells,
            List<CampaignBody> campaigns, List<CountBody> plans, List<CountBody> regions) {}

    @GetMapping("/statistics")
    @Operation(summary = "Commercial statistics (R4.2)", description = "For the purpose commercial-statistics (the role must serve it), "
            + "audited as an aggregate read: people per status, and per channel and marketing purpose the people whose basis in force is a "
            + "consent, a withdrawn consent or an objection, with rates in percent of all people; per sent campaign its reach and the "
            + "objections on its channel for its purpose after it by people it reached; people per plan and per region. Cells under the threshold "
            + "(charte.marketing.statistics.min-cell, 10 by default) are null. format=csv answers the same table as CSV.")
    ResponseEntity<?> read(@Parameter(description = "json (default) or csv") @RequestParam(name = "format", required = false) @Nullable String format,
            Authentication authentication) {
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw new InvalidInputException("format", "must be json or csv");
        }
        if ("csv".equals(format)) {
            return csv(authentication);
        }
        Statistics s = statistics.read(actors.of(authentication));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new StatisticsBody(CommercialStatistics.PURPOSE, s.minCell(), s.people(),
                s.statuses().stream().map(c -> new StatusBody(c.status().code(), c.people())).toList(),
                s.cells().stream().map(c -> new CellBody(c.channel().code(), c.purpose(), c.consents(), c.consentRate(), c.withdrawals(),
                        c.objections(), c.objectionRate())).toList(),
                s.campaigns().stream().map(c -> new CampaignBody(c.name(), c.channel().code(), c.purpose(), c.sentOn(), c.sent(), c.objectionsAfter()))
                        .toList(),
                s.plans().stream().map(c -> new CountBody(c.code(), c.people())).toList(),
                s.regions().stream().map(c -> new CountBody(c.code(), c.people())).toList()));
    }

    @GetMapping("/statistics.csv")
    @Operation(summary = "Commercial statistics as CSV (R4.2)", description = "UTF-8, one line per channel and marketing purpose then one per "
            + "status; a suppressed cell is empty.")
    ResponseEntity<String> csv(Authentication authentication) {
        Statistics s = statistics.read(actors.of(authentication));
        return ResponseEntity.ok().contentType(CSV).header("Content-Disposition", "attachment; filename=\"commercial-statistics.csv\"")
                .body(StatisticsCsv.of(s));
    }

    /** The CSV text: fixed header, codes only (no free text), empty for a suppressed cell. */
    static final class StatisticsCsv {

        private StatisticsCsv() {}

        static String of(Statistics s) {
            StringBuilder out = new StringBuilder("section,channel,marketing_purpose,status,people,consents,consent_rate,withdrawals,objections,"
                    + "objection_rate,code,name,sent_on\r\n");
            for (CommercialStatistics.Cell c : s.cells()) {
                out.append("channel-purpose,").append(c.channel().code()).append(',').append(c.purpose()).append(",,,").append(text(c.consents()))
                        .append(',').append(text(c.consentRate())).append(',').append(text(c.withdrawals())).append(',').append(text(c.objections()))
                        .append(',').append(text(c.objectionRate())).append(",,,\r\n");
            }
            for (CommercialStatistics.StatusCount c : s.statuses()) {
                out.append("status,,,").append(c.status().code()).append(',').append(text(c.people())).append(",,,,,,,,\r\n");
            }
            out.append("all,,,,").append(text(s.people())).append(",,,,,,,,\r\n");
            for (CommercialStatistics.CampaignReach c : s.campaigns()) {
                out.append("campaign,").append(c.channel().code()).append(',').append(c.purpose()).append(",,").append(text(c.sent()))
                        .append(",,,,").append(text(c.objectionsAfter())).append(",,,").append(quoted(c.name())).append(',').append(c.sentOn())
                        .append("\r\n");
            }
            for (CommercialStatistics.Count c : s.plans()) {
                out.append("plan,,,,").append(text(c.people())).append(",,,,,,").append(quoted(c.code())).append(",,\r\n");
            }
            for (CommercialStatistics.Count c : s.regions()) {
                out.append("region,,,,").append(text(c.people())).append(",,,,,,").append(quoted(c.code())).append(",,\r\n");
            }
            return out.toString();
        }

        /** A text cell: quoted, quotes doubled, and a leading formula character neutralised for spreadsheets. */
        private static String quoted(String text) {
            String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
            return '"' + safe.replace("\"", "\"\"") + '"';
        }

        private static String text(@Nullable Number n) {
            return n == null ? "" : n instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : n.toString();
        }
    }
}
