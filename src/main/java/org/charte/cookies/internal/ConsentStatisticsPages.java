package org.charte.cookies.internal;

import java.util.HashMap;
import java.util.Map;
import org.charte.access.CurrentActor;
import org.charte.common.PageController;
import org.charte.policy.Policy.CookiePurpose;
import org.charte.policy.Text;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The back-office page of cookie choices (L3): the same aggregate as the API, a table and bars drawn
 * by the server as SVG (no script); a suppressed cell reads "< threshold".
 */
@PageController
class ConsentStatisticsPages {

    private final ConsentStatistics statistics;
    private final CurrentActor actors;
    private final ConsentBanner banner;

    ConsentStatisticsPages(ConsentStatistics statistics, CurrentActor actors, ConsentBanner banner) {
        this.statistics = statistics;
        this.actors = actors;
        this.banner = banner;
    }

    @GetMapping("/backoffice/cookies/statistiques")
    String page(Authentication authentication, Model model) {
        ConsentStatistics.Statistics s = statistics.read(actors.of(authentication));
        Map<String, Text> labels = new HashMap<>();
        for (CookiePurpose purpose : banner.policy().cookies().purposes()) {
            labels.put(purpose.id(), purpose.label());
        }
        model.addAttribute("stats", s);
        model.addAttribute("labels", labels);
        model.addAttribute("current", banner.version().value());
        return "cookies/statistics";
    }
}
