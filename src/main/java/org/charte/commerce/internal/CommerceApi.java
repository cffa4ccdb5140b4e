package org.charte.commerce.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.CurrentActor;
import org.charte.commerce.ClientAccount;
import org.charte.commerce.ClientAccounts;
import org.charte.commerce.Delivery;
import org.charte.commerce.Invoice;
import org.charte.commerce.Invoices;
import org.charte.commerce.Litigation;
import org.charte.commerce.Litigations;
import org.charte.commerce.Order;
import org.charte.commerce.Orders;
import org.charte.commerce.Payment;
import org.charte.commerce.Subscription;
import org.charte.commerce.Subscriptions;
import org.charte.common.InvalidInputException;
import org.charte.common.Plausible;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commercial relationship over JSON. Each call goes through the decision point inside the
 * service, with the endpoint's purpose for a write and the caller's {@code purpose} for a read; a
 * read names its purpose, a write has its own.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Commerce", description = "Client accounts, subscriptions, orders and deliveries, invoices and payments, unpaid invoices and litigation (policy §3.2, §4.1). "
        + "Staff recording any of these on a person already recorded need a grant on them for the endpoint's purpose, as for reading "
        + "(403 otherwise, nothing written); a token with subjects:write records by its scope")
class CommerceApi {

    private static final String PURPOSE = "The purpose of this read: one of the policy's purposes that uses this data";

    private final CurrentActor actors;
    private final ClientAccounts accounts;
    private final Subscriptions subscriptions;
    private final Orders orders;
    private final Invoices invoices;
    private final Litigations litigations;
    private final JsonMapper json;

    CommerceApi(CurrentActor actors, ClientAccounts accounts, Subscriptions subscriptions, Orders orders, Invoices invoices,
            Litigations litigations, JsonMapper json) {
        this.actors = actors;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.orders = orders;
        this.invoices = invoices;
        this.litigations = litigations;
        this.json = json;
    }

    private Actor actor(Authentication authentication) {
        return actors.of(authentication);
    }

    private static <T> ResponseEntity<T> created(String path, T body) {
        return ResponseEntity.created(URI.create(path)).body(body);
    }

    // --- Client accounts ------------------------------------------------------------------------

    record AccountBody(@Nullable @Size(max = 40) String accessCode,
            @Nullable @Size(max = 128) String password) {}

    @PostMapping("/subjects/{id}/account")
    @Operation(summary = "Open a client's account: access code and password (kept only as an Argon2id hash); purpose subscription-contract")
    ResponseEntity<ClientAccount> openAccount(@PathVariable("id") UUID subjectId, @RequestBody AccountBody body, Authentication authentication) {
        return created("/api/v1/subjects/" + subjectId + "/account",
                accounts.open(actor(authentication), subjectId, body.accessCode(), body.password()));
    }

    @GetMapping("/subjects/{id}/account")
    @Operation(summary = "A client's account (access code; never the password)")
    ClientAccount account(@PathVariable("id") UUID subjectId,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return accounts.find(actor(authentication), purpose, subjectId);
    }

    // --- Subscriptions --------------------------------------------------------------------------

    @PostMapping("/subjects/{id}/subscriptions")
    @Operation(summary = "Subscribe a person to a Gestan Cloud plan (adults only); the first subscription makes a prospect an active client. Raises SubscriptionStarted (its hosted database is provisioned)")
    ResponseEntity<Subscription> subscribe(@PathVariable("id") UUID subjectId, @RequestBody Subscriptions.NewSubscription body,
            Authentication authentication) {
        Subscription subscription = subscriptions.subscribe(actor(authentication), subjectId, body);
        return created("/api/v1/subscriptions/" + subscription.id(), subscription);
    }

    @GetMapping("/subjects/{id}/subscriptions")
    @Operation(summary = "A person's subscriptions")
    List<Subscription> subscriptionsOf(@PathVariable("id") UUID subjectId,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return subscriptions.ofSubject(actor(authentication), purpose, subjectId);
    }

    @GetMapping("/subscriptions/{id}")
    @Operation(summary = "One subscription")
    Subscription subscription(@PathVariable("id") UUID id,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return subscriptions.find(actor(authentication), purpose, id);
    }

    record TerminationBody(@Nullable @Plausible LocalDate terminatedOn) {}

    @PostMapping("/subscriptions/{id}/termination")
    @Operation(summary = "Terminate a subscription (today unless terminatedOn is given); the last one makes the client inactive. Raises ContractTerminated")
    Subscription terminate(@PathVariable("id") UUID id, @RequestBody(required = false) @Nullable TerminationBody body,
            Authentication authentication) {
        return subscriptions.terminate(actor(authentication), id, body == null ? null : body.terminatedOn());
    }

    // --- Orders and deliveries ------------------------------------------------------------------

    @PostMapping("/subjects/{id}/orders")
    @Operation(summary = "Record an order (an inbound contact: the person's last contact moves)")
    ResponseEntity<Order> order(@PathVariable("id") UUID subjectId, @RequestBody Orders.NewOrder body, Authentication authentication) {
        Order order = orders.place(actor(authentication), subjectId, body);
        return created("/api/v1/orders/" + order.id(), order);
    }

    @GetMapping("/subjects/{id}/orders")
    @Operation(summary = "A person's orders")
    List<Order> ordersOf(@PathVariable("id") UUID subjectId,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return orders.ofSubject(actor(authentication), purpose, subjectId);
    }

    @GetMapping("/orders/{id}")
    @Operation(summary = "One order and its lines")
    Order orderById(@PathVariable("id") UUID id,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return orders.find(actor(authentication), purpose, id);
    }

    @PostMapping("/orders/{id}/deliveries")
    @Operation(summary = "Record a delivery of an order (the address is sealed under the client's key); purpose deliveries")
    ResponseEntity<Delivery> deliver(@PathVariable("id") UUID orderId, @RequestBody Orders.NewDelivery body, Authentication authentication) {
        Delivery delivery = orders.deliver(actor(authentication), orderId, body);
        return created("/api/v1/orders/" + orderId + "/deliveries", delivery);
    }

    @GetMapping("/orders/{id}/deliveries")
    @Operation(summary = "The deliveries of an order, with their addresses and tracking")
    List<Delivery> deliveries(@PathVariable("id") UUID orderId,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return orders.deliveries(actor(authentication), purpose, orderId);
    }

    @PutMapping("/deliveries/{id}/tracking")
    @Operation(summary = "Update a delivery's status and tracking number; purpose deliveries")
    Delivery track(@PathVariable("id") UUID id, @RequestBody Orders.TrackingUpdate body, Authentication authentication) {
        return orders.track(actor(authentication), id, body);
    }

    // --- Invoices, payments, unpaid invoices ----------------------------------------------------

    @PostMapping("/subjects/{id}/invoices")
    @Operation(summary = "Issue an invoice, numbered without gaps; purpose billing")
    ResponseEntity<Invoice> invoice(@PathVariable("id") UUID subjectId, @RequestBody Invoices.NewInvoice body, Authentication authentication) {
        Invoice invoice = invoices.issue(actor(authentication), subjectId, body);
        return created("/api/v1/invoices/" + invoice.id(), invoice);
    }

    @GetMapping("/subjects/{id}/invoices")
    @Operation(summary = "A person's invoices and their payments")
    List<Invoice> invoicesOf(@PathVariable("id") UUID subjectId,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return invoices.ofSubject(actor(authentication), purpose, subjectId);
    }

    @GetMapping("/invoices/{id}")
    @Operation(summary = "One invoice and its payments")
    Invoice invoiceById(@PathVariable("id") UUID id,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return invoices.find(actor(authentication), purpose, id);
    }

    @PostMapping("/invoices/{id}/payments")
    @Operation(summary = "Record a payment. A card payment carries only the provider's token and the last four digits: "
            + "a body with a card number, a CVV/CVC or an expiry date is refused whole (L7); paid in full, the invoice raises InvoicePaid",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = Invoices.NewPayment.class))))
    ResponseEntity<Payment> pay(@PathVariable("id") UUID invoiceId, @RequestBody JsonNode body, Authentication authentication) {
        CardData.refuseCardData(body); // before anything is read from it
        Invoices.NewPayment payment;
        try {
            payment = json.treeToValue(body, Invoices.NewPayment.class);
        } catch (DatabindException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().stream()
                    .map(r -> r.getPropertyName() == null ? "[" + r.getIndex() + "]" : r.getPropertyName())
                    .collect(Collectors.joining("."));
            throw new InvalidInputException(field, "has a value of the wrong type or format");
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "is not a valid payment");
        }
        Payment recorded = invoices.pay(actor(authentication), invoiceId, payment);
        return created("/api/v1/invoices/" + invoiceId, recorded);
    }

    @PostMapping("/invoices/{id}/unpaid")
    @Operation(summary = "Mark an invoice past its due date as unpaid; purpose unpaid-litigation. Raises InvoiceUnpaid")
    Invoice unpaid(@PathVariable("id") UUID id, Authentication authentication) {
        return invoices.markUnpaid(actor(authentication), id);
    }

    // --- Litigation -----------------------------------------------------------------------------

    @PostMapping("/subjects/{id}/litigations")
    @Operation(summary = "Open a litigation with a person about some invoices; purpose unpaid-litigation. Raises LitigationOpened")
    ResponseEntity<Litigation> litigation(@PathVariable("id") UUID subjectId, @RequestBody Litigations.NewLitigation body,
            Authentication authentication) {
        Litigation litigation = litigations.open(actor(authentication), subjectId, body);
        return created("/api/v1/subjects/" + subjectId + "/litigations", litigation);
    }

    @GetMapping("/subjects/{id}/litigations")
    @Operation(summary = "A person's litigations")
    List<Litigation> litigationsOf(@PathVariable("id") UUID subjectId,
            @Parameter(description = PURPOSE) @RequestParam(name = "purpose", required = false) @Nullable String purpose,
            Authentication authentication) {
        return litigations.ofSubject(actor(authentication), purpose, subjectId);
    }

    @PostMapping("/litigations/{id}/closure")
    @Operation(summary = "Close a litigation with its outcome; purpose unpaid-litigation. Raises LitigationClosed")
    Litigation closeLitigation(@PathVariable("id") UUID id, @RequestBody Litigations.Closure body, Authentication authentication) {
        return litigations.close(actor(authentication), id, body);
    }
}
