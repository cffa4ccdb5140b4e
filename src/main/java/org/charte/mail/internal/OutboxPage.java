package org.charte.mail.internal;

import org.charte.common.PageController;
import org.charte.mail.Outbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The demo's outbox: without a mail server, the mails Charte would have sent (verification codes,
 * answers) are shown here so that a visitor can play the person. Only when
 * {@code charte.mail.outbox-page=true}, which {@code ./charte demo} sets and a server never should:
 * it is public, since the demo's people are fictitious. Otherwise the address does not exist.
 */
@PageController
class OutboxPage {

    private final Outbox outbox;
    private final boolean enabled;

    OutboxPage(Outbox outbox, @Value("${charte.mail.outbox-page:false}") boolean enabled) {
        this.outbox = outbox;
        this.enabled = enabled;
    }

    @GetMapping("/demo/courriels")
    String page(Model model) {
        if (!enabled) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("mails", outbox.held(50));
        model.addAttribute("sending", outbox.sending());
        return "mail/outbox";
    }
}
