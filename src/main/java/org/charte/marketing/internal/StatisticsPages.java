package org.charte.marketing.internal;

import java.util.HashMap;
import java.util.Map;
import org.charte.access.CurrentActor;
import org.charte.common.PageController;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.internal.CommercialStatistics.Statistics;
import org.charte.policy.Policy;
import org.charte.policy.Text;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The back-office page of commercial statistics (R4.2): the same aggregates as the API, a table and
 * bars drawn by the server (CSS widths, no script); a suppressed cell reads "< threshold".
 */
@PageController
class StatisticsPages {

    private final CommercialStatistics statistics;
    private final CurrentActor actors;
    private final MarketingChoices choices;
    private final Policy policy;

    StatisticsPages(CommercialStatistics statistics, CurrentActor actors, MarketingChoices choices, Policy policy) {
        this.statistics = statistics;
        this.actors = actors;
        this.choices = choices;
        this.policy = policy;
    }

    @GetMapping("/backoffice/prospection/statistiques")
    String page(Authentication authentication, Model model) {
        Statistics s = statistics.read(actors.of(authentication));
        Map<String, Text> labels = new HashMap<>();
        choices.purposes().forEach(p -> policy.purpose(p).ifPresent(pp -> labels.put(p, pp.label())));
        model.addAttribute("stats", s);
        model.addAttribute("labels", labels);
        long widest = s.cells().stream().mapToLong(c -> c.consents() == null ? 0 : c.consents()).max().orElse(0);
        model.addAttribute("widest", Math.max(widest, 1));
        return "marketing/statistics";
    }
}
