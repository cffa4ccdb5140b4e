package org.charte.support.internal;

import java.util.UUID;
import org.charte.subjects.Screening;
import org.charte.subjects.SensitiveDataScreen;
import org.springframework.stereotype.Component;

/** Support texts go through the subjects module's sensitive-data screen: redacted, the hit audited without the words. */
@Component
class SubjectsMessageScreen implements MessageScreen {

    private final SensitiveDataScreen screen;

    SubjectsMessageScreen(SensitiveDataScreen screen) {
        this.screen = screen;
    }

    @Override
    public Screened screen(String text, String actor, String resourceType, UUID resourceId, UUID subjectId) {
        Screening screening = screen.screen(text);
        if (!screening.clean()) {
            screen.record(screening, SensitiveDataScreen.Handling.REDACTED, actor, resourceType, resourceId.toString(), subjectId);
        }
        return new Screened(screening.redacted(), screening.codes());
    }
}
