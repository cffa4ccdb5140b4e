package org.charte.rights.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.commerce.ClientAccount;
import org.charte.commerce.ClientAccounts;
import org.charte.commerce.Delivery;
import org.charte.commerce.Invoice;
import org.charte.commerce.Invoices;
import org.charte.commerce.Litigation;
import org.charte.commerce.Litigations;
import org.charte.commerce.Order;
import org.charte.commerce.Orders;
import org.charte.commerce.Subscription;
import org.charte.commerce.Subscriptions;
import org.charte.commerce.UnknownRecordException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The commercial part of a person's file (policy §3.2): their client account, subscriptions,
 * orders with their deliveries, invoices and litigations, each read through commerce's API as the
 * person themselves for the purpose {@code rights-requests}, so each read is decided and audited
 * (R4.5, R6.5). One decision and a few queries per kind of record, whatever their number.
 */
@Component
class CommercialFiles {

    /** What commerce holds about one person. */
    record CommercialFile(@Nullable ClientAccount account, List<Subscription> subscriptions, List<Order> orders,
            Map<UUID, List<Delivery>> deliveries, List<Invoice> invoices, List<Litigation> litigations) {}

    private final ClientAccounts accounts;
    private final Subscriptions subscriptions;
    private final Orders orders;
    private final Invoices invoices;
    private final Litigations litigations;

    CommercialFiles(ClientAccounts accounts, Subscriptions subscriptions, Orders orders, Invoices invoices, Litigations litigations) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.orders = orders;
        this.invoices = invoices;
        this.litigations = litigations;
    }

    CommercialFile read(Actor person, String purpose, UUID subjectId) {
        List<Order> orderList = orders.ofSubject(person, purpose, subjectId);
        Map<UUID, List<Delivery>> deliveries = new LinkedHashMap<>();
        for (Delivery delivery : orders.deliveriesOfSubject(person, purpose, subjectId)) {
            deliveries.computeIfAbsent(delivery.orderId(), k -> new ArrayList<>()).add(delivery);
        }
        return new CommercialFile(account(person, purpose, subjectId), subscriptions.ofSubject(person, purpose, subjectId), orderList,
                deliveries, invoices.ofSubject(person, purpose, subjectId), litigations.ofSubject(person, purpose, subjectId));
    }

    private @Nullable ClientAccount account(Actor person, String purpose, UUID subjectId) {
        try {
            return accounts.find(person, purpose, subjectId);
        } catch (UnknownRecordException noAccount) {
            return null;
        }
    }
}
