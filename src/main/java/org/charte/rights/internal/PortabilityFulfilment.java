package org.charte.rights.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.charte.commerce.Order;
import org.charte.commerce.Subscription;
import org.charte.marketing.Basis;
import org.charte.policy.Policy;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.subjects.Identity;
import org.charte.subjects.PostalAddress;
import org.charte.support.Ticket;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The right to portability (R9.3): the data the person provided, in one zip, as JSON (all of it,
 * structured) and CSV (one table per kind): their identity, contacts and other information, and
 * what they gave us through the relationship (subscriptions taken, orders placed, the messages
 * they wrote to support). Data we produced (invoices, payments, our replies) is in the access
 * report, not here (GDPR Art. 20, EDPB WP242).
 */
@Component
class PortabilityFulfilment implements Fulfilment {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final PersonalFiles files;
    private final Policy policy;
    private final MessageSource messages;

    PortabilityFulfilment(PersonalFiles files, Policy policy, MessageSource messages) {
        this.files = files;
        this.policy = policy;
        this.messages = messages;
    }

    @Override
    public RequestType type() {
        return RequestType.PORTABILITY;
    }

    @Override
    public Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale) {
        PersonalFile file = files.read(subjectId);
        Map<String, List<Map<String, Object>>> tables = tables(file);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "charte-portability/1");
        json.put("reference", request.reference());
        json.put("controller", Map.of("name", policy.controller().name(), "address", policy.controller().address().oneLine(),
                "siret", policy.controller().siret()));
        json.put("data", tables);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, "data.json", JSON.writeValueAsBytes(json));
            for (var table : tables.entrySet()) {
                entry(zip, table.getKey() + ".csv", csv(table.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            entry(zip, "README.txt", readme(request, locale).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(List.of(new AnswerContent("portability-zip", request.reference().toLowerCase(Locale.ROOT) + "-portability.zip",
                "application/zip", bytes.toByteArray())), messages.getMessage("rights.answer.portability", null, locale));
    }

    static Map<String, List<Map<String, Object>>> tables(PersonalFile file) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        Identity identity = file.subject().identity();
        List<Map<String, Object>> identityRows = new ArrayList<>();
        if (identity != null) {
            identityRows.add(row("civility", identity.civility(), "lastName", identity.lastName(), "firstNames", identity.firstNames(),
                    "birthDate", identity.birthDate()));
        }
        tables.put("identity", identityRows);
        List<Map<String, Object>> addresses = new ArrayList<>();
        List<Map<String, Object>> emails = new ArrayList<>();
        List<Map<String, Object>> phones = new ArrayList<>();
        if (file.subject().contacts() != null) {
            for (PostalAddress a : file.subject().contacts().addresses()) {
                addresses.add(row("lines", String.join(" / ", a.lines()), "postalCode", a.postalCode(), "commune", a.commune(), "country", a.country()));
            }
            file.subject().contacts().emails().forEach(e -> emails.add(row("email", e)));
            file.subject().contacts().phones().forEach(p -> phones.add(row("phone", p)));
        }
        tables.put("addresses", addresses);
        tables.put("emails", emails);
        tables.put("phones", phones);
        List<Map<String, Object>> other = new ArrayList<>();
        if (file.subject().otherInformation() != null) {
            other.add(row("text", file.subject().otherInformation()));
        }
        tables.put("other-information", other);
        List<Map<String, Object>> subscriptions = new ArrayList<>();
        for (Subscription s : file.subscriptions()) {
            subscriptions.add(row("plan", s.planCode(), "subscribedOn", s.subscribedOn(), "startsOn", s.startsOn(), "endsOn", s.endsOn(),
                    "terminatedOn", s.terminatedOn()));
        }
        tables.put("subscriptions", subscriptions);
        List<Map<String, Object>> orderLines = new ArrayList<>();
        for (Order o : file.orders()) {
            for (Order.Line l : o.lines()) {
                orderLines.add(row("orderId", o.id(), "orderedOn", o.orderedOn(), "product", l.productCode(), "quantity", l.quantity(),
                        "unitPrice", l.unitPrice(), "currency", o.currency()));
            }
        }
        tables.put("order-lines", orderLines);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Ticket t : file.tickets()) {
            for (Ticket.Message m : t.messages()) {
                if (m.direction() == Ticket.Direction.INBOUND) {
                    messages.add(row("ticket", t.reference(), "channel", m.channel(), "recordedAt", m.recordedAt(), "text", m.text()));
                }
            }
        }
        tables.put("support-messages", messages);
        // Marketing choices (policy §9.2): the person's own, every entry of their history, and their capacity.
        List<Map<String, Object>> marketing = new ArrayList<>();
        for (Basis b : file.marketing().history()) {
            marketing.add(row("recordedAt", b.recordedAt(), "channel", b.channel().code(), "purpose", b.purpose(), "basis", b.kind().code(),
                    "means", b.means().code(), "wording", b.wording(), "details", b.details()));
        }
        tables.put("marketing-choices", marketing);
        List<Map<String, Object>> capacity = new ArrayList<>();
        file.marketing().capacityHistory().forEach(c -> capacity.add(row("recordedAt", c.recordedAt(), "capacity", c.capacity().code())));
        tables.put("marketing-capacity", capacity);
        // Consent to be called at other times than D223-9's (L2), given and withdrawn, with the words agreed to.
        List<Map<String, Object>> callHours = new ArrayList<>();
        file.marketing().callHours().forEach(c -> callHours.add(row("recordedAt", c.recordedAt(), "consented", c.consented(), "means",
                c.means().code(), "wording", c.wording())));
        tables.put("marketing-call-hours", callHours);
        return tables;
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1].toString());
        }
        return row;
    }

    /** RFC 4180 CSV: a header line, every field quoted when it holds a comma, a quote or a line break. */
    static String csv(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", rows.getFirst().keySet().stream().map(PortabilityFulfilment::field).toList())).append("\r\n");
        for (Map<String, Object> row : rows) {
            out.append(String.join(",", row.values().stream().map(v -> field(String.valueOf(v))).toList())).append("\r\n");
        }
        return out.toString();
    }

    private static String field(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private String readme(RightsRequest request, Locale locale) {
        Policy.Authority cnil = policy.supervisoryAuthority();
        return String.join("\n",
                messages.getMessage("rights.portability.readme", new Object[] {request.reference()}, locale),
                messages.getMessage("rights.mail.controller", new Object[] {policy.controller().name(), policy.controller().address().oneLine(),
                        policy.controller().siret(), policy.controller().rcs()}, locale),
                messages.getMessage("rights.mail.dpo", new Object[] {policy.dpo().name(), policy.dpo().email(), policy.dpo().address().oneLine()}, locale),
                messages.getMessage("rights.cnil", new Object[] {cnil.name(), cnil.address().oneLine(), cnil.complaintUrl()}, locale)) + "\n";
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
