package org.charte.rights.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
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
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The right to portability (R9.3): the data the person provided, in one zip, as JSON (all of it,
 * structured) and CSV (one table per kind): their identity, contacts and other information, and
 * what they gave us through the relationship (subscriptions taken, orders placed, the messages
 * they wrote to support). Data we produced (invoices, payments, our replies) is in the access
 * report, not here (GDPR Art. 20, EDPB WP242). A missing value is null in the JSON and an empty
 * field in the CSV, where an empty text is {@code ""} (docs/api.md, "Portability archive").
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
        Map<String, List<Map<String, @Nullable Object>>> tables = tables(file);
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
                entry(zip, table.getKey() + ".csv", csv(COLUMNS.get(table.getKey()), table.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            entry(zip, "README.txt", readme(request, locale).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(List.of(new AnswerContent("portability-zip", request.reference().toLowerCase(Locale.ROOT) + "-portability.zip",
                "application/zip", bytes.toByteArray())), messages.getMessage("rights.answer.portability", null, locale));
    }

    /**
     * The tables and their columns, in order: a CSV keeps its header line when the person has no
     * row (the file says what it would hold), and every row of a table has every column.
     */
    static final Map<String, List<String>> COLUMNS = columns(
            "identity", List.of("civility", "lastName", "firstNames", "birthDate"),
            "addresses", List.of("lines", "postalCode", "commune", "country"),
            "emails", List.of("email"),
            "phones", List.of("phone"),
            "other-information", List.of("text"),
            "subscriptions", List.of("plan", "subscribedOn", "startsOn", "endsOn", "terminatedOn"),
            "order-lines", List.of("orderId", "orderedOn", "product", "quantity", "unitPrice", "currency"),
            "support-messages", List.of("ticket", "channel", "recordedAt", "text"),
            "marketing-choices", List.of("recordedAt", "channel", "purpose", "basis", "means", "wording", "details"),
            "marketing-capacity", List.of("recordedAt", "capacity"),
            "marketing-call-hours", List.of("recordedAt", "consented", "means", "wording"));

    static Map<String, List<Map<String, @Nullable Object>>> tables(PersonalFile file) {
        Map<String, List<Map<String, @Nullable Object>>> tables = new LinkedHashMap<>();
        COLUMNS.keySet().forEach(name -> tables.put(name, new ArrayList<>()));
        Identity identity = file.subject().identity();
        if (identity != null) {
            add(tables, "identity", identity.civility(), identity.lastName(), identity.firstNames(), identity.birthDate());
        }
        if (file.subject().contacts() != null) {
            for (PostalAddress a : file.subject().contacts().addresses()) {
                add(tables, "addresses", String.join(" / ", a.lines()), a.postalCode(), a.commune(), a.country());
            }
            file.subject().contacts().emails().forEach(e -> add(tables, "emails", e));
            file.subject().contacts().phones().forEach(p -> add(tables, "phones", p));
        }
        if (file.subject().otherInformation() != null) {
            add(tables, "other-information", file.subject().otherInformation());
        }
        for (Subscription s : file.subscriptions()) {
            add(tables, "subscriptions", s.planCode(), s.subscribedOn(), s.startsOn(), s.endsOn(), s.terminatedOn());
        }
        for (Order o : file.orders()) {
            for (Order.Line l : o.lines()) {
                add(tables, "order-lines", o.id(), o.orderedOn(), l.productCode(), l.quantity(), l.unitPrice(), o.currency());
            }
        }
        for (Ticket t : file.tickets()) {
            for (Ticket.Message m : t.messages()) {
                if (m.direction() == Ticket.Direction.INBOUND) {
                    add(tables, "support-messages", t.reference(), m.channel().name().toLowerCase(Locale.ROOT), m.recordedAt(), m.text());
                }
            }
        }
        // Marketing choices (policy §9.2): the person's own, every entry of their history, and their capacity.
        for (Basis b : file.marketing().history()) {
            add(tables, "marketing-choices", b.recordedAt(), b.channel().code(), b.purpose(), b.kind().code(), b.means().code(), b.wording(), b.details());
        }
        file.marketing().capacityHistory().forEach(c -> add(tables, "marketing-capacity", c.recordedAt(), c.capacity().code()));
        // Consent to be called at other times than D223-9's (L2), given and withdrawn, with the words agreed to.
        file.marketing().callHours().forEach(c -> add(tables, "marketing-call-hours", c.recordedAt(), c.consented(), c.means().code(), c.wording()));
        return tables;
    }

    /** A row: values as text (dates ISO 8601, numbers plain), a missing value null, never "" in its place. */
    private static void add(Map<String, List<Map<String, @Nullable Object>>> tables, String table, @Nullable Object... values) {
        List<String> columns = COLUMNS.get(table);
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Object value = values[i];
            row.put(columns.get(i), value == null || value instanceof Boolean ? value : value.toString());
        }
        tables.get(table).add(row);
    }

    private static Map<String, List<String>> columns(Object... pairs) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) pairs[i + 1];
            columns.put((String) pairs[i], names);
        }
        return Collections.unmodifiableMap(columns);
    }

    /**
     * RFC 4180 CSV: the header line, always, then a line per row. A missing value (null) is an
     * empty field; an empty text is {@code ""} (quoted), so the two stay apart; a field is quoted
     * when it holds a comma, a quote or a line break (docs/api.md, "Portability archive").
     */
    static String csv(List<String> columns, List<Map<String, @Nullable Object>> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(PortabilityFulfilment::field).toList())).append("\r\n");
        for (Map<String, @Nullable Object> row : rows) {
            out.append(String.join(",", columns.stream().map(c -> field(row.get(c))).toList())).append("\r\n");
        }
        return out.toString();
    }

    private static String field(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        boolean quote = text.isEmpty() || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
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
