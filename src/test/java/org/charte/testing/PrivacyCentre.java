package org.charte.testing;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A person on the privacy centre, over real HTTP with a browser's cookie jar and CSRF tokens. */
public record PrivacyCentre(Http http) {

    public static PrivacyCentre at(int port) {
        return new PrivacyCentre(new Http(port));
    }

    /** Fills the form of a right and sends it; the answer is the redirect to the code page. */
    public HttpResponse<String> ask(String type, String name, String email, String details) {
        String form = http.get("/mes-droits/demande?type=" + type).body();
        return http.postForm("/mes-droits/demande", Map.of("_csrf", Http.csrf(form), "type", type, "name", name, "email", email,
                "details", details));
    }

    /** Fills the form of a right with its own fields too (data to rectify, purpose, reason, directives) and sends it. */
    public HttpResponse<String> ask(String type, String name, String email, String details, Map<String, String> fields) {
        String form = http.get("/mes-droits/demande?type=" + type).body();
        Map<String, String> posted = new HashMap<>(fields);
        posted.putAll(Map.of("_csrf", Http.csrf(form), "type", type, "name", name, "email", email, "details", details));
        return http.postForm("/mes-droits/demande", posted);
    }

    /** Asks and enters the e-mailed code: the request id. */
    public UUID askAndVerify(String type, String name, String email, String details, Map<String, String> fields) {
        HttpResponse<String> asked = ask(type, name, email, details, fields);
        UUID id = requestId(asked);
        String code = MailServer.find(MailServer.latest(email, "code"), "(\\d{6})");
        HttpResponse<String> verified = enter(id, code);
        if (verified.statusCode() != 200) {
            throw new AssertionError("verification answered " + verified.statusCode());
        }
        return id;
    }

    /** The request id in the redirect to the code page. */
    public static UUID requestId(HttpResponse<String> asked) {
        String location = asked.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + asked.statusCode()));
        return UUID.fromString(MailServer.find(location, "/verification/([0-9a-f-]{36})"));
    }

    public HttpResponse<String> enter(UUID requestId, String code) {
        String page = http.get("/mes-droits/verification/" + requestId).body();
        return http.postForm("/mes-droits/verification/" + requestId, Map.of("_csrf", Http.csrf(page), "code", code));
    }

    public HttpResponse<String> newCode(UUID requestId) {
        String page = http.get("/mes-droits/verification/" + requestId).body();
        return http.postForm("/mes-droits/verification/" + requestId + "/nouveau-code", Map.of("_csrf", Http.csrf(page)));
    }

    /** Opens a download link and presses its button; the file as bytes. */
    public HttpResponse<byte[]> downloadBytes(String link) {
        String path = link.substring(link.indexOf("/", "http://".length()));
        return http.postFormBytes(path, Map.of("_csrf", Http.csrf(http.get(path).body())));
    }

    /** Opens a download link and presses its button. */
    public HttpResponse<String> download(String link) {
        String path = link.substring(link.indexOf("/", "http://".length()));
        HttpResponse<String> page = http.get(path);
        String csrf = page.statusCode() == 200 ? Http.csrf(page.body()) : Http.csrf(http.get("/mes-droits/demande?type=access").body());
        return http.postForm(path, Map.of("_csrf", csrf));
    }
}
