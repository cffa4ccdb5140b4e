package org.charte.subjects.internal;

import java.util.Arrays;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The accepted phrases the screen consults, in memory: reloaded by the node that changes them at
 * its commit, and by every node every {@code charte.subjects.accepted-phrases.refresh-interval}
 * (default 10 s), so that a phrase accepted or removed on one node of a cluster reaches the others.
 */
@Component
class AcceptedPhraseCache implements AcceptedPhraseSource {

    private final JdbcAcceptedPhrases rows;
    private volatile List<List<String>> phrases;

    AcceptedPhraseCache(JdbcAcceptedPhrases rows) {
        this.rows = rows;
        this.phrases = load();
    }

    @Override
    public List<List<String>> foldedPhrases() {
        return phrases;
    }

    @Scheduled(fixedDelayString = "${charte.subjects.accepted-phrases.refresh-interval:10s}",
            initialDelayString = "${charte.subjects.accepted-phrases.refresh-interval:10s}")
    void reload() {
        phrases = load();
    }

    private List<List<String>> load() {
        return rows.foldedInForce().stream().map(folded -> List.copyOf(Arrays.asList(folded.split(" ")))).toList();
    }
}
