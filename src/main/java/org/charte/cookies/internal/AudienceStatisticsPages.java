package org.charte.cookies.internal;

import java.util.ArrayList;
import java.util.List;
import org.charte.access.CurrentActor;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The back-office page of audience statistics (R4.4): the same aggregate as the API, visits and
 * unique visitors per day drawn by the server as SVG bars (no script), the lists as tables; a bad
 * period is said on the page, in the page's language.
 */
@PageController
class AudienceStatisticsPages {

    static final int CHART_WIDTH = 720;
    static final int CHART_HEIGHT = 160;

    /** A bar of the chart: where, how high, and what it says. */
    record Bar(int x, int width, int y, int height, String label) {}

    private final AudienceStatistics statistics;
    private final CurrentActor actors;

    AudienceStatisticsPages(AudienceStatistics statistics, CurrentActor actors) {
        this.statistics = statistics;
        this.actors = actors;
    }

    @GetMapping("/backoffice/cookies/frequentation")
    String page(Authentication authentication, Model model, @RequestParam(name = "from", required = false) @Nullable String from,
            @RequestParam(name = "to", required = false) @Nullable String to, @RequestParam(name = "site", required = false) @Nullable String site) {
        AudienceStatistics.Period period;
        try {
            period = statistics.period(from, to, site);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.errors().stream().map(InvalidInputException.FieldError::field).toList());
            period = statistics.period(null, null, null);
        }
        AudienceStatistics.Statistics s = statistics.read(actors.of(authentication), period);
        model.addAttribute("stats", s);
        model.addAttribute("bars", bars(s.days()));
        model.addAttribute("chartWidth", CHART_WIDTH);
        model.addAttribute("chartHeight", CHART_HEIGHT);
        return "cookies/audience";
    }

    /** One bar per day, the visits' height scaled to the largest day; a suppressed day has none. */
    static List<Bar> bars(List<AudienceStatistics.Day> days) {
        long max = days.stream().map(AudienceStatistics.Day::visits).filter(v -> v != null).mapToLong(Long::longValue).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        if (days.isEmpty() || max == 0) {
            return bars;
        }
        int width = Math.max(1, CHART_WIDTH / days.size());
        for (int i = 0; i < days.size(); i++) {
            AudienceStatistics.Day d = days.get(i);
            if (d.visits() == null) {
                continue;
            }
            int height = (int) Math.max(1, d.visits() * (CHART_HEIGHT - 10) / max);
            bars.add(new Bar(i * width, Math.max(1, width - 1), CHART_HEIGHT - height, height, d.day() + " – " + d.visits()));
        }
        return bars;
    }
}
