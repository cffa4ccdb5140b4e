package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.slf4j.Logger.ROOT_LOGGER_NAME;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * R8.5 and the house rules on bad input, proven over the whole API at once: every POST, PUT and
 * PATCH operation the live OpenAPI document describes gets generated malformed bodies (wrong
 * types, nulls and blanks inside arrays, 600 KB strings, control and bidi characters, impossible
 * dates, NaN and overflowing numbers, empty, truncated and non-JSON bodies, wrong content types),
 * sent over real HTTP by a caller the endpoint lets in. Each answer must be a 4xx problem+json
 * (never a 5xx), name a field when the body parsed, change no row of any table, and leave none of
 * the body's values in the application log or the answer. Every failure is collected, then listed.
 */
@CharteIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTests {

    /** In every string the requests carry: it must never come back in a log line or an error detail. */
    static final String MARK = "Zq7Malformed";
    /** An overflowing number, as distinctive as the mark. */
    static final String HUGE_NUMBER = "918273645546372819182736455463728191827364554637281";
    static final String HUGE = MARK + "x".repeat(600_000);

    /**
     * Tables a refused request writes to by design: the audit log records every decision, refused ones too (R6.5);
     * and tables no request writes but the scheduler does at any moment (a job's first lock takes a ShedLock row).
     */
    // rate_bucket: a post to a rate-limited door spends its token whatever its body (counted before the body is read;
    // consent.js's doors and the unsubscribe link pay their counts into it every second, at any moment of the test)
    static final Set<String> WRITTEN_BY_DESIGN = Set.of("audit_entry", "audit_head", "shedlock", "rate_bucket");

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Commitments commitments;

    @Autowired
    Grants grants;

    @Autowired
    Subjects subjects;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    final Captured log = new Captured();
    final Map<String, Staff> callers = new LinkedHashMap<>();
    final AtomicInteger address = new AtomicInteger(10);
    String rightsToken;
    UUID subjectId;
    List<String> tables;

    /** Every log event, its message and its exceptions' messages, as text. */
    static final class Captured extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder text = new StringBuilder(event.getLoggerName()).append(": ").append(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                for (IThrowableProxy s : t.getSuppressed()) {
                    text.append(" | ").append(s.getClassName()).append(": ").append(s.getMessage());
                }
            }
            lines.add(text.toString());
        }
    }

    @BeforeAll
    void setUp() {
        Logger root = (Logger) LoggerFactory.getLogger(ROOT_LOGGER_NAME);
        log.setContext(root.getLoggerContext());
        log.start();
        root.addAppender(log);
        Relationship relationship = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(relationship.dpo().id());
        callers.put("dpo", relationship.dpo());
        for (String role : List.of("administrator", "cloud-support", "adv")) {
            callers.put(role, relationship.staff(role));
        }
        subjectId = relationship.adultProspect();
        HttpResponse<String> issued = callers.get("administrator").http().json("POST", "/api/v1/tokens",
                Json.write(Map.of("name", "malformed", "role", "dpo", "scopes", Set.of("rights:write", "rights:read"))));
        rightsToken = Json.of(issued).path("secret").asString();
        tables = jdbc.sql("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_SCHEMA) = 'public' "
                + "AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1").query(String.class).list()
                .stream().filter(t -> !WRITTEN_BY_DESIGN.contains(t.toLowerCase(Locale.ROOT)))
                // On PostgreSQL the audit log's month partitions (audit_entry_2026m12, audit_entry_default) are tables too.
                .filter(t -> !t.toLowerCase(Locale.ROOT).startsWith("audit_entry_")).toList();
    }

    @AfterAll
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(ROOT_LOGGER_NAME)).detachAppender(log);
        log.stop();
    }

    /** Row counts of every table, in one query. */
    Map<String, Long> counts() {
        StringBuilder sql = new StringBuilder();
        for (String table : tables) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(table).append("', COUNT(*) FROM \"").append(table).append('"');
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    // ---------------------------------------------------------------- the OpenAPI document

    /** A write operation; {@code schema} is missing when it takes no body. */
    record Operation(String method, String path, JsonNode schema, boolean bodyRequired) {}

    List<Operation> writeOperations(JsonNode api) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
            for (String method : List.of("post", "put", "patch")) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                JsonNode content = operation.path("requestBody").path("content");
                JsonNode schema = content.path("application/json").path("schema");
                if (schema.isMissingNode() && content.properties().iterator().hasNext()) {
                    schema = content.properties().iterator().next().getValue().path("schema");
                }
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), schema,
                        operation.path("requestBody").path("required").asBoolean(false)));
            }
        }
        return operations;
    }

    JsonNode resolve(JsonNode api, JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            schema = api.at(ref.substring(1));
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(api, schema.get("allOf").get(0));
        }
        return schema;
    }

    static String type(JsonNode schema) {
        if (schema.path("properties").has("nodeType")) {
            return "any"; // a JsonNode: the operation takes any JSON there and reads it itself
        }
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    /** The operation whose base body is being built (the values that pass its checks depend on it). */
    String operationPath = "";

    /**
     * Values that pass the checks of the operation, so that each mutation is refused for itself and
     * not for a base value: the deeper checks (lengths, characters, dates) are reached.
     */
    String knownGood(String path, String name) {
        return switch (name) {
            case "role" -> path.contains("/subcontractors") ? "support-subcontractor" : path.contains("/tokens") ? "dpo" : "adv";
            case "purpose" -> path.contains("/grants") ? "customer-service" : null;
            case "password" -> "a long enough password " + UUID.randomUUID();
            case "granteeId", "subcontractorUserId" -> callers.get("adv").id().toString();
            case "planCode" -> "GESTAN-CLOUD-PRO";
            case "name", "displayName", "lastName", "firstNames" -> "Camille Testeuse";
            default -> null;
        };
    }

    /** A plausible value for a schema: the base the mutations start from. */
    JsonNode sample(JsonNode api, JsonNode raw, String name, int depth) {
        JsonNode schema = resolve(api, raw);
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (type(schema)) {
            case "any" -> {
                return f.objectNode();
            }
            case "object" -> {
                ObjectNode object = f.objectNode();
                if (depth < 4) {
                    for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                        object.set(p.getKey(), sample(api, p.getValue(), p.getKey(), depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = f.arrayNode();
                switch (name) {
                    case "categories" -> array.add("identity");
                    case "scopes" -> array.add("audit:read");
                    case "subjects" -> array.add(subjectId.toString());
                    default -> {
                        if (depth < 4) {
                            array.add(sample(api, schema.path("items"), name, depth + 1));
                        }
                    }
                }
                return array;
            }
            case "integer" -> {
                return f.numberNode(1);
            }
            case "number" -> {
                return f.numberNode(new BigDecimal("10.00"));
            }
            case "boolean" -> {
                return f.booleanNode(false);
            }
            default -> {
                if (schema.has("enum") && !schema.get("enum").isEmpty()) {
                    return schema.get("enum").get(0);
                }
                String format = schema.path("format").asString("");
                String lower = name.toLowerCase(Locale.ROOT);
                if (name.equals("subcontractorId") && operationPath.equals("/api/v1/staff")) {
                    return f.nullNode(); // an ADV account belongs to no subcontractor
                }
                String known = knownGood(operationPath, name);
                if (known != null) {
                    return f.stringNode(known);
                }
                return f.stringNode(switch (format) {
                    case "uuid" -> lower.contains("subject") ? subjectId.toString() : UUID.randomUUID().toString();
                    case "date" -> LocalDate.now(clock).toString();
                    case "date-time" -> clock.instant().plus(Duration.ofDays(1)).toString();
                    default -> lower.contains("email") ? "camille.testeuse@example.org"
                            : lower.contains("phone") ? "+33612345678"
                            : lower.contains("postal") ? "75001"
                            : lower.contains("country") ? "FR"
                            : lower.contains("purpose") ? "customer-service"
                            : lower.contains("language") ? "fr"
                            : lower.contains("login") ? "malformed-" + UUID.randomUUID().toString().substring(0, 6)
                            : "Valeur";
                });
            }
        }
    }

    // ---------------------------------------------------------------- the malformed bodies

    /** One malformed request: a label for the report, its content type and body, and whether its JSON parses. */
    record Case(String label, String contentType, byte[] body, boolean parseable, boolean fieldExpected) {}


    static Case json(String label, String body, boolean fieldExpected) {
        return new Case(label, "application/json", body.getBytes(StandardCharsets.UTF_8), true, fieldExpected);
    }

    /**
     * Body-level cases: missing or empty (where a body is required), non-JSON, truncated, not an
     * object, wrong content types.
     */
    List<Case> bodyCases(String base, boolean required) {
        List<Case> cases = new ArrayList<>();
        if (required) {
            cases.add(new Case("no body at all", null, null, false, false));
            cases.add(new Case("an empty JSON body", "application/json", new byte[0], false, false));
        }
        cases.add(new Case("a body that is not JSON", "application/json", ("not json " + MARK).getBytes(StandardCharsets.UTF_8), false, false));
        cases.add(new Case("a truncated JSON body", "application/json",
                base.substring(0, Math.max(1, base.length() / 2)).getBytes(StandardCharsets.UTF_8), false, false));
        cases.add(new Case("a JSON array instead of an object", "application/json", ("[\"" + MARK + "\"]").getBytes(StandardCharsets.UTF_8), true, false));
        cases.add(new Case("a JSON string instead of an object", "application/json", ("\"" + MARK + "\"").getBytes(StandardCharsets.UTF_8), true, false));
        cases.add(new Case("the body as text/plain", "text/plain", base.getBytes(StandardCharsets.UTF_8), false, false));
        cases.add(new Case("a form body", "application/x-www-form-urlencoded", ("value=" + MARK).getBytes(StandardCharsets.UTF_8), false, false));
        return cases;
    }

    /** Field-level cases: each leaf of the base body replaced by what it must refuse. */
    void fieldCases(JsonNode api, JsonNode raw, String name, String path, ObjectNode root, List<String> pointer, List<Case> cases) {
        JsonNode schema = resolve(api, raw);
        String type = type(schema);
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<Map.Entry<String, Object>> bad = new ArrayList<>();
        switch (type) {
            case "any" -> {
                return;
            }
            case "object" -> {
                if (pointer.size() < 3) {
                    for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                        List<String> next = new ArrayList<>(pointer);
                        next.add(p.getKey());
                        fieldCases(api, p.getValue(), p.getKey(), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), root, next, cases);
                    }
                }
                if (!pointer.isEmpty()) {
                    bad.add(Map.entry("a string instead of an object", f.stringNode(MARK)));
                }
            }
            case "array" -> {
                JsonNode items = resolve(api, schema.path("items"));
                bad.add(Map.entry("null inside the array", f.arrayNode().add(f.nullNode())));
                bad.add(Map.entry("a string instead of an array", f.stringNode(MARK)));
                bad.add(Map.entry("nested arrays", f.arrayNode().add(f.arrayNode().add(MARK))));
                if (type(items).equals("string")) {
                    bad.add(Map.entry("an empty string inside the array", f.arrayNode().add("")));
                    bad.add(Map.entry("a blank string inside the array", f.arrayNode().add("   ")));
                    bad.add(Map.entry("a 600 KB string inside the array", f.arrayNode().add(HUGE)));
                    bad.add(Map.entry("a NUL character inside the array", f.arrayNode().add("Valeur\u0000" + MARK)));
                }
            }
            case "integer", "number" -> {
                bad.add(Map.entry("a string instead of a number", f.stringNode(MARK)));
                bad.add(Map.entry("NaN", "NaN"));
                bad.add(Map.entry("an overflowing number", HUGE_NUMBER));
                bad.add(Map.entry("an overflowing exponent", "1e999999999"));
            }
            case "boolean" -> {
                bad.add(Map.entry("a string instead of a boolean", f.stringNode(MARK)));
                bad.add(Map.entry("a number instead of a boolean", HUGE_NUMBER));
            }
            default -> {
                String format = schema.path("format").asString("");
                bad.add(Map.entry("an object instead of a string", f.objectNode().put("value", MARK)));
                bad.add(Map.entry("nested arrays instead of a string", f.arrayNode().add(f.arrayNode().add(MARK))));
                bad.add(Map.entry("a 600 KB string", f.stringNode(HUGE)));
                bad.add(Map.entry("a NUL character", f.stringNode("Valeur\u0000" + MARK)));
                bad.add(Map.entry("a bidi override character", f.stringNode("Valeur\u202E" + MARK)));
                if (format.equals("date")) {
                    bad.add(Map.entry("the date 0000-01-01", f.stringNode("0000-01-01")));
                    bad.add(Map.entry("the date +999999999-12-31", f.stringNode("+999999999-12-31")));
                    bad.add(Map.entry("the date 2026-02-30", f.stringNode("2026-02-30")));
                } else if (format.equals("date-time")) {
                    bad.add(Map.entry("the instant 0000-01-01T00:00:00Z", f.stringNode("0000-01-01T00:00:00Z")));
                    bad.add(Map.entry("the instant +999999999-12-31T23:59:59Z", f.stringNode("+999999999-12-31T23:59:59Z")));
                } else if (format.equals("uuid")) {
                    bad.add(Map.entry("a malformed UUID", f.stringNode(MARK)));
                }
            }
        }
        if (pointer.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Object> b : bad) {
            ObjectNode body = root.deepCopy();
            JsonNode parent = body;
            for (int i = 0; i < pointer.size() - 1; i++) {
                parent = parent.get(pointer.get(i));
                if (parent instanceof ArrayNode array) {
                    parent = array.get(0);
                }
            }
            if (!(parent instanceof ObjectNode object)) {
                continue;
            }
            String text;
            if (b.getValue() instanceof JsonNode node) {
                object.set(pointer.getLast(), node);
                text = json.writeValueAsString(body);
            } else {
                object.put(pointer.getLast(), "\u0000RAW\u0000");
                text = json.writeValueAsString(body).replace("\"\\u0000RAW\\u0000\"", (String) b.getValue());
            }
            boolean parses = !(b.getValue() instanceof String) || b.getValue().equals(HUGE_NUMBER);
            cases.add(new Case(path + ": " + b.getKey(), "application/json", text.getBytes(StandardCharsets.UTF_8), parses, true));
        }
    }

    // ---------------------------------------------------------------- sending

    /** A session (with its CSRF token) or a bearer token, and how it sends a request. */
    interface Caller {
        String name();

        HttpResponse<String> send(String method, String path, String contentType, byte[] body);
    }

    Caller session(String name, Staff staff) {
        String csrf = staff.http().csrfFrom("/backoffice/connexion");
        return new Caller() {
            public String name() {
                return name;
            }

            public HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
                return staff.http().raw(method, path, contentType, body, "Accept", "application/json, application/problem+json",
                        "X-CSRF-TOKEN", csrf);
            }
        };
    }

    /**
     * The rights token, from a loopback address of its own every few requests: OpenDSR's rate limit
     * counts per client address, and the other tests of this context share 127.0.0.1.
     */
    Caller token() {
        return new Caller() {
            int sent;
            HttpClient client;
            String host;

            public String name() {
                return "a DPO's token with rights:write";
            }

            public HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
                if (client == null || sent++ % 10 == 0) {
                    int n = address.getAndIncrement();
                    host = "127.0." + (n / 250) + "." + (1 + n % 250);
                    try {
                        client = HttpClient.newBuilder().localAddress(InetAddress.getByName(host)).build();
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Authorization", "Bearer " + rightsToken).header("Accept", "application/json");
                if (contentType != null) {
                    request.header("Content-Type", contentType);
                }
                try {
                    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    String concrete(String path) {
        return path.replaceAll("\\{id}", path.startsWith("/api/v1/subjects/") ? subjectId.toString() : UUID.randomUUID().toString())
                .replaceAll("\\{ticketRef}", "T-MALFORMED").replaceAll("\\{[A-Za-z]+}", UUID.randomUUID().toString());
    }

    /** The first caller the door lets in: a body that is not JSON is refused by parsing only after the door. */
    Caller callerFor(Operation operation, String path) {
        List<Caller> candidates = new ArrayList<>();
        if (path.startsWith("/opendsr/")) {
            candidates.add(token());
        }
        // Sales administration records the relationship; the DPO handles rights; the door picks among the rest.
        boolean rights = path.matches(".*/(rectifications|post-mortem-directives|death-notification)$");
        List<String> order = rights ? List.of("dpo", "adv", "administrator", "cloud-support")
                : List.of("adv", "dpo", "administrator", "cloud-support");
        order.forEach(name -> candidates.add(session(name, callers.get(name))));
        Http anonymous = new Http(port);
        candidates.add(new Caller() {
            public String name() {
                return "anonymous";
            }

            public HttpResponse<String> send(String method, String p, String contentType, byte[] body) {
                return anonymous.raw(method, p, contentType, body, "Accept", "application/json");
            }
        });
        for (Caller caller : candidates) {
            int status = caller.send(operation.method(), path, "application/json", "{".getBytes(StandardCharsets.UTF_8)).statusCode();
            if (status != 401 && status != 403) {
                return caller;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- the walk

    @Test
    @DisplayName("R8.5 every POST, PUT and PATCH of the OpenAPI document refuses malformed bodies with a problem+json naming the field, "
            + "never a 5xx, writing nothing and logging none of the body")
    void everyWriteOperationRefusesMalformedBodies() {
        JsonNode api = json.readTree(new Http(port).get("/v3/api-docs").body());
        List<Operation> operations = writeOperations(api);
        assertThat(operations).as("write operations in the OpenAPI document").hasSizeGreaterThan(30);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        Map<String, Long> counts = null;
        long started = System.nanoTime();
        for (Operation operation : operations) {
            String path = concrete(operation.path());
            Caller caller = callerFor(operation, path);
            counts = null; // the probe may have written (it should not): count afresh
            String where = operation.method() + " " + operation.path();
            if (caller == null) {
                failures.add(where + ": no caller found that the door lets in");
                continue;
            }
            List<Case> cases = new ArrayList<>();
            if (!operation.schema().isMissingNode()) {
                operationPath = operation.path();
                JsonNode sample = sample(api, operation.schema(), "", 0);
                cases.addAll(bodyCases(json.writeValueAsString(sample), operation.bodyRequired()));
                if (sample instanceof ObjectNode object) {
                    fieldCases(api, operation.schema(), "", "", object, List.of(), cases);
                }
            } else {
                // No body expected: whatever is sent is ignored or refused, never a 5xx, a write or a log line.
                cases.add(new Case("a body it does not take", "text/plain", ("not json " + MARK).getBytes(StandardCharsets.UTF_8), false, false));
                cases.add(new Case("a JSON body it does not take", "application/json",
                        ("{\"value\": \"" + MARK + "\"}").getBytes(StandardCharsets.UTF_8), true, false));
            }
            for (Case c : cases) {
                sent++;
                Map<String, Long> before = counts == null ? counts() : counts; // the last request's "after"
                log.lines.clear();
                HttpResponse<String> response = caller.send(operation.method(), path, c.contentType(), c.body());
                String label = where + " as " + caller.name() + ", " + c.label() + ": ";
                check(label, operation, c, response, failures);
                Map<String, Long> after = counts();
                counts = after;
                if (!after.equals(before)) {
                    List<String> changed = new ArrayList<>();
                    after.forEach((table, n) -> {
                        if (!n.equals(before.get(table))) {
                            changed.add(table + " " + before.get(table) + "→" + n);
                        }
                    });
                    failures.add(label + "rows written: " + changed);
                }
                for (Iterator<String> lines = log.lines.iterator(); lines.hasNext(); ) {
                    String line = lines.next();
                    if (line.contains(MARK) || line.contains(HUGE_NUMBER)) {
                        failures.add(label + "the body reached the log: " + abbreviate(line));
                        break;
                    }
                }
            }
        }
        System.out.printf("R8.5 walk: %d operations, %d requests, %d ms, %d failures%n", operations.size(), sent,
                (System.nanoTime() - started) / 1_000_000, failures.size());
        assertThat(failures).as(failures.size() + " failure(s):\n" + String.join("\n", failures)).isEmpty();
    }

    void check(String label, Operation operation, Case c, HttpResponse<String> response, List<String> failures) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
            failures.add(label + status + " " + abbreviate(response.body()));
            return;
        }
        if (status < 400) {
            if (!operation.schema().isMissingNode()) {
                failures.add(label + "accepted (" + status + ")");
            }
            return;
        }
        if (!contentType.startsWith("application/problem+json")) {
            failures.add(label + status + " is not problem+json but " + contentType);
            return;
        }
        if (response.body().contains(MARK) || response.body().contains(HUGE_NUMBER)) {
            failures.add(label + status + " echoes the submitted value: " + abbreviate(response.body()));
        }
        if (operation.schema().isMissingNode()) {
            return; // refused for another reason (an unknown id, a state): fine, as long as it is a problem
        }
        if ("text/plain".equals(c.contentType()) || "application/x-www-form-urlencoded".equals(c.contentType())) {
            if (status != 415) {
                failures.add(label + "expected 415, got " + status);
            }
            return;
        }
        JsonNode problem = json.readTree(response.body());
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString("")));
        if (c.body() == null || c.body().length == 0) {
            if (status != 400 || !fields.contains("body")) {
                failures.add(label + "expected a 400 naming the body, got " + status + " " + fields);
            }
            return;
        }
        if (c.fieldExpected() && status == 400 && fields.stream().allMatch(String::isBlank)) {
            failures.add(label + "400 names no field: " + abbreviate(problem.path("detail").asString("")));
        }
    }

    static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    @Test
    @DisplayName("R8.5 the tables the walk counts are every table of the database but the audit log")
    void countsEveryTable() {
        assertThat(tables.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()).contains("staff_account", "data_subject", "access_grant_resource").doesNotContain("audit_entry");
        assertThat(TestDatabase.postgres() || tables.size() > 20).isTrue();
    }

    static HttpResponse<String> from(String localAddress, HttpRequest request) {
        try {
            HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress)).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("R8.5 malformed paths (NUL, encoded slashes and backslashes, dot segments) answer problem+json under /api "
            + "and a readable page elsewhere, never a stack trace or the server's name and version")
    void malformedPaths() {
        List<String> failures = new ArrayList<>();
        List<String> tails = List.of("a%00b", "a%2Fb", "a%5Cb", "a%2fb", "%2e%2e/%2e%2e/etc", "a;x=1", "a%25b", "a%0Ab", "a%3Bb", "%C0%AE");
        for (String prefix : List.of("/api/v1/subjects/", "/opendsr/v1/requests/", "/mes-droits/", "/backoffice/personnes/")) {
            for (String tail : tails) {
                String path = prefix + tail;
                for (String accept : List.of("application/json", "text/html")) {
                    HttpResponse<String> response = from("127.0.0.1", HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Accept", accept).GET().build());
                    String type = response.headers().firstValue("Content-Type").orElse("");
                    String body = response.body();
                    String label = "GET " + path + " (Accept " + accept + "): " + response.statusCode() + " " + type + ": ";
                    if (response.statusCode() >= 500) {
                        failures.add(label + abbreviate(body));
                    }
                    boolean api = prefix.startsWith("/api/") || prefix.startsWith("/opendsr/");
                    if (response.statusCode() >= 400 && api && !type.startsWith("application/problem+json")) {
                        failures.add(label + "not problem+json: " + abbreviate(body));
                    }
                    if (response.statusCode() >= 400 && !api && accept.equals("text/html") && !type.startsWith("text/html")) {
                        failures.add(label + "not a page: " + abbreviate(body));
                    }
                    if (body.contains("Tomcat") || body.contains("Exception") || body.contains("\tat ") || body.contains("at org.")
                            || response.headers().firstValue("Server").isPresent()) {
                        failures.add(label + "shows the server or a stack trace: " + abbreviate(body));
                    }
                }
            }
        }
        assertThat(failures).as(failures.size() + " failure(s):\n" + String.join("\n", failures)).isEmpty();
    }

    @Test
    @DisplayName("R8.5 the embedded database's default settings keep no trace file: a refused value never lands in data/charte.trace.db")
    void embeddedDatabaseKeepsNoTrace(@TempDir Path dataDir) throws Exception {
        Properties defaults = new Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        String url = defaults.getProperty("spring.datasource.url").replace("${charte.data-dir}", dataDir.toString())
                .replace(";AUTO_SERVER=TRUE", "");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE person (name VARCHAR(10))");
            assertThatThrownBy(() -> statement.execute("INSERT INTO person VALUES ('" + MARK + MARK + "')"))
                    .isInstanceOf(SQLException.class);
        }
        try (var files = Files.list(dataDir)) {
            List<String> traces = files.map(f -> f.getFileName().toString()).filter(f -> f.contains("trace")).toList();
            assertThat(traces).as("trace files").isEmpty();
        }
    }
}
