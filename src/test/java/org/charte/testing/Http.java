package org.charte.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.charte.access.Totp;

/** A real HTTP client against the running test server, with its own cookie jar (a browser session). */
public final class Http {

    private final String base;
    private final HttpClient client;

    public Http(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private Http(String base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    /** The same browser (its cookie jar, hence its session) against another server: a second node. */
    public Http onPort(int port) {
        return new Http("http://localhost:" + port, client);
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** A GET whose answer is binary (a file to download). */
    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON request with the session's CSRF token (read from the back-office page) and optional extra headers. */
    public HttpResponse<String> json(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        boolean bearer = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            bearer |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!bearer && !method.equals("GET")) {
            HttpResponse<String> page = get("/backoffice/connexion");
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            if (m.find()) {
                request.header("X-CSRF-TOKEN", m.group(1));
            }
        }
        return send(request.build());
    }

    /**
     * A request exactly as given: any method, content type (null: none) and body (null: none), no
     * CSRF token fetched (pass one in the headers when the session needs it).
     */
    public HttpResponse<String> raw(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A file sent as a page's upload form sends it ({@code multipart/form-data}, one file field). */
    public HttpResponse<String> postFile(String path, String field, String fileName, String contentType, byte[] content) {
        String boundary = "charte-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail))).build());
    }

    /** A form post whose answer is binary (a file to download). */
    public HttpResponse<byte[]> postFormBytes(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The password step of the back-office sign-in form, CSRF token included, as a person would. */
    public HttpResponse<String> password(String login, String password) {
        String page = get("/backoffice/connexion").body();
        return postForm("/backoffice/connexion", Map.of("username", login, "password", password, "_csrf", csrf(page)));
    }

    /**
     * First sign-in of a new account: password, then enrolment of the second factor from the key
     * the page shows. Returns the key (base32) for later sign-ins.
     */
    public String signInFirstTime(String login, String password) {
        HttpResponse<String> step = password(login, password);
        if (!step.headers().firstValue("Location").orElse("").endsWith("/backoffice/enrolement")) {
            throw new AssertionError("expected the enrolment page after the password, got " + step.statusCode() + " " + step.headers().map());
        }
        String page = get("/backoffice/enrolement").body();
        Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(page);
        if (!secret.find()) {
            throw new AssertionError("no key on the enrolment page");
        }
        HttpResponse<String> done = postForm("/backoffice/enrolement", Map.of("code", nextCode(secret.group(1)), "_csrf", csrf(page)));
        if (!done.headers().firstValue("Location").orElse("").endsWith("/backoffice")) {
            throw new AssertionError("enrolment refused: " + done.statusCode());
        }
        return secret.group(1);
    }

    /** Sign-in of an enrolled account: password, then a fresh TOTP code. */
    public HttpResponse<String> signIn(String login, String password, String secret) {
        HttpResponse<String> step = password(login, password);
        if (!step.headers().firstValue("Location").orElse("").endsWith("/backoffice/code")) {
            return step;
        }
        String page = get("/backoffice/code").body();
        return postForm("/backoffice/code", Map.of("code", nextCode(secret), "_csrf", csrf(page)));
    }

    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    /** A code the server has not seen yet: this step, or the next one (within the drift it allows). */
    public static synchronized String nextCode(String secret) {
        long now = Totp.step(Instant.now());
        long step = Math.max(now, LAST_STEP.getOrDefault(secret, Long.MIN_VALUE) + 1);
        if (step > now + 1) {
            try {
                Thread.sleep(Duration.ofSeconds(Totp.STEP_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return nextCode(secret);
        }
        LAST_STEP.put(secret, step);
        return Totp.code(Totp.fromBase32(secret), step);
    }

    /** The current CSRF token of a signed-in session, read from a page with a form. */
    public String csrfFrom(String path) {
        return csrf(get(path).body());
    }

    public static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What differs between any two answers, whichever door answered: the time, how the body is framed, how the connection is kept. */
    public static final Set<String> PER_ANSWER = Set.of("date", "content-length", "transfer-encoding", "keep-alive", "connection");

    /**
     * Every header of an answer but those of {@link #PER_ANSWER}, by lower-case name, values in order: what two doors'
     * answers to the same request must share (a door ahead of Spring MVC and the handler behind it).
     */
    public static Map<String, List<String>> answerHeaders(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!PER_ANSWER.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name.toLowerCase(Locale.ROOT), values);
            }
        });
        return headers;
    }
}
