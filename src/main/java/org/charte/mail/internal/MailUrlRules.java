package org.charte.mail.internal;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** The demo's outbox page: public, and a 404 unless the demo turned it on. */
@Component
class MailUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths("/demo/courriels").anyone();
    }
}
