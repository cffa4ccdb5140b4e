package org.charte.support.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.AccessWords;
import org.charte.access.CurrentActor;
import org.charte.commerce.Invoices;
import org.charte.commerce.Litigations;
import org.charte.commerce.Orders;
import org.charte.commerce.Subscriptions;
import org.charte.common.InvalidInputException;
import org.charte.common.PageController;
import org.charte.policy.Policy;
import org.charte.support.Tickets;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A person's commercial relationship and support requests in the back office, for a purpose the
 * viewer names. Each part is asked of its own module, so each goes through the decision point and
 * into the audit log on its own; a part the purpose or the grant does not open says why, the
 * others still show. It belongs to support, whose tickets it shows beside commerce's records:
 * commerce cannot show tickets, since support already depends on it (through hosting).
 */
@PageController
class RelationshipPages {

    /** Which data category each part of the page shows. */
    static final Map<String, String> PARTS = Map.of("subscriptions", "subscriptions", "orders", "orders",
            "invoices", "billing", "litigations", "billing", "tickets", "support-requests");

    private final Subscriptions subscriptions;
    private final Orders orders;
    private final Invoices invoices;
    private final Litigations litigations;
    private final Tickets tickets;
    private final CurrentActor actors;
    private final Policy policy;
    private final AccessWords words;
    private final MessageSource messages;

    RelationshipPages(Subscriptions subscriptions, Orders orders, Invoices invoices, Litigations litigations, Tickets tickets,
            CurrentActor actors, Policy policy, AccessWords words, MessageSource messages) {
        this.words = words;
        this.messages = messages;
        this.subscriptions = subscriptions;
        this.orders = orders;
        this.invoices = invoices;
        this.litigations = litigations;
        this.tickets = tickets;
        this.actors = actors;
        this.policy = policy;
    }

    /** One part of the page: its rows, or the reason it is not shown. */
    record Part(String name, @Nullable List<?> rows, @Nullable String refused) {}

    @GetMapping("/backoffice/personnes/{id}/relation")
    String relationship(@PathVariable("id") UUID id, @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("purposes", policy.purposes());
        model.addAttribute("purpose", purpose);
        if (purpose == null || purpose.isBlank()) {
            return "support/relationship";
        }
        Actor actor = actors.of(authentication);
        Map<String, Part> parts = new LinkedHashMap<>();
        var declared = policy.purpose(purpose);
        add(parts, "subscriptions", declared, () -> subscriptions.ofSubject(actor, purpose, id));
        add(parts, "orders", declared, () -> orders.ofSubject(actor, purpose, id));
        add(parts, "invoices", declared, () -> invoices.ofSubject(actor, purpose, id));
        add(parts, "litigations", declared, () -> litigations.ofSubject(actor, purpose, id));
        add(parts, "tickets", declared, () -> tickets.ofSubject(actor, purpose, id));
        model.addAttribute("parts", parts.values());
        return "support/relationship";
    }

    private void add(Map<String, Part> parts, String name, Optional<Policy.Purpose> purpose, Supplier<List<?>> rows) {
        if (purpose.isEmpty() || !purpose.get().categories().contains(PARTS.get(name))) {
            return; // this purpose does not use that data: not asked at all
        }
        try {
            parts.put(name, new Part(name, rows.get(), null));
        } catch (AccessDecisions.AccessDeniedException e) {
            // the decision point's reason, in the page's language (L10)
            parts.put(name, new Part(name, null, words.reason(String.valueOf(e.getMessage()), LocaleContextHolder.getLocale())));
        } catch (InvalidInputException e) {
            parts.put(name, new Part(name, null, messages.getMessage("relationship.refused-input", null, LocaleContextHolder.getLocale())));
        }
    }
}
