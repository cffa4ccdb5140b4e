package org.charte.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.Staff;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.charte.access.internal.ApiTokens;

@CharteIntegrationTest
class SignInTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    ApiTokens tokens;

    String newAccount(String role) {
        String login = "u" + UUID.randomUUID().toString().substring(0, 8);
        directory.create(new StaffDirectory.NewStaff(login, "Test", role, Staff.PASSWORD));
        return login;
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    @Test
    @DisplayName("R8.3 the password alone opens nothing: only the code page, until a valid TOTP code")
    void passwordAloneOpensNothing() {
        String login = newAccount("dpo");
        Http first = new Http(port);
        String secret = first.signInFirstTime(login, Staff.PASSWORD);

        Http http = new Http(port);
        assertThat(location(http.password(login, Staff.PASSWORD))).endsWith("/backoffice/code");
        assertThat(location(http.get("/backoffice", "Accept", "text/html"))).endsWith("/backoffice/code");
        assertThat(http.get("/api/v1/me").statusCode()).isEqualTo(403);
        String page = http.get("/backoffice/code").body();
        assertThat(http.postForm("/backoffice/code", Map.of("code", "000000", "_csrf", Http.csrf(page))).body()).contains("Code incorrect");
        assertThat(location(http.postForm("/backoffice/code", Map.of("code", Http.nextCode(secret), "_csrf", Http.csrf(page)))))
                .endsWith("/backoffice");
        assertThat(http.get("/api/v1/me").body()).contains("ROLE_DPO").contains("FACTOR_TOTP");
    }

    @Test
    @DisplayName("R8.3 a TOTP code is accepted once: replaying it in another session is refused")
    void replayedCodeRefused() {
        String login = newAccount("adv");
        String secret = new Http(port).signInFirstTime(login, Staff.PASSWORD);
        String code = Http.nextCode(secret);
        Http one = new Http(port);
        one.password(login, Staff.PASSWORD);
        String page = one.get("/backoffice/code").body();
        assertThat(location(one.postForm("/backoffice/code", Map.of("code", code, "_csrf", Http.csrf(page))))).endsWith("/backoffice");

        Http two = new Http(port);
        two.password(login, Staff.PASSWORD);
        String again = two.get("/backoffice/code").body();
        HttpResponse<String> replay = two.postForm("/backoffice/code", Map.of("code", code, "_csrf", Http.csrf(again)));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("Code incorrect ou déjà utilisé.");
        assertThat(location(two.get("/backoffice"))).endsWith("/backoffice/code");
    }

    @Test
    @DisplayName("R8.3 five failures lock the account: even the right password is then refused")
    void lockOut() {
        String login = newAccount("adv");
        Http http = new Http(port);
        for (int i = 0; i < 5; i++) {
            assertThat(location(http.password(login, "wrong password " + i))).endsWith("?error");
        }
        assertThat(location(http.password(login, Staff.PASSWORD))).endsWith("/backoffice/connexion?locked");
        assertThat(http.get("/backoffice/connexion?locked").body()).contains("Compte verrouillé");
    }

    /** The page a sign-in answer leads to, without what differs on every page (the CSRF token). */
    String after(Http http, HttpResponse<String> answer) {
        return http.get(location(answer).replace("http://localhost:" + port, ""))
                .body().replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }

    @Test
    @DisplayName("R8.3 R8.5 the sign-in form does not tell which logins exist: an unknown login gets the known one's answers, lock-out included")
    void unknownLoginAnswersAsAKnownOne() {
        String known = newAccount("adv");
        String unknown = "u" + UUID.randomUUID().toString().substring(0, 8);
        Http one = new Http(port);
        Http other = new Http(port);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> onKnown = one.password(known, "wrong password " + i);
            HttpResponse<String> onUnknown = other.password(unknown, "wrong password " + i);
            assertThat(onUnknown.statusCode()).isEqualTo(onKnown.statusCode()).isEqualTo(302);
            assertThat(location(onUnknown)).isEqualTo(location(onKnown)).endsWith("/backoffice/connexion?error");
            assertThat(after(other, onUnknown)).isEqualTo(after(one, onKnown));
        }
        // Locked both: the right password of the known account is refused as any password on the unknown login.
        HttpResponse<String> lockedKnown = one.password(known, Staff.PASSWORD);
        HttpResponse<String> lockedUnknown = other.password(unknown, Staff.PASSWORD);
        assertThat(location(lockedKnown)).endsWith("/backoffice/connexion?locked");
        assertThat(location(lockedUnknown)).isEqualTo(location(lockedKnown));
        assertThat(after(other, lockedUnknown)).isEqualTo(after(one, lockedKnown)).contains("Compte verrouillé");
        // An unknown login never signs in, whatever its password.
        assertThat(location(new Http(port).password("u" + UUID.randomUUID().toString().substring(0, 8), ""))).endsWith("?error");
    }

    @Test
    @DisplayName("R8.3 wrong second-factor codes count towards the lock-out too")
    void codeFailuresLock() {
        String login = newAccount("adv");
        String secret = new Http(port).signInFirstTime(login, Staff.PASSWORD);
        Http http = new Http(port);
        http.password(login, Staff.PASSWORD);
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            String page = http.get("/backoffice/code").body();
            last = http.postForm("/backoffice/code", Map.of("code", "12345" + i, "_csrf", Http.csrf(page)));
        }
        assertThat(location(last)).endsWith("/backoffice/connexion?locked");
        assertThat(location(new Http(port).signIn(login, Staff.PASSWORD, secret))).endsWith("?locked");
    }

    @Test
    @DisplayName("R8.3 signing out ends the session")
    void signOut() {
        Staff adv = Staff.signedIn(directory, port, "adv");
        assertThat(adv.http().get("/backoffice").statusCode()).isEqualTo(200);
        String page = adv.http().get("/backoffice").body();
        assertThat(location(adv.http().postForm("/backoffice/deconnexion", Map.of("_csrf", Http.csrf(page))))).endsWith("?logout");
        assertThat(location(adv.http().get("/backoffice", "Accept", "text/html"))).endsWith("/backoffice/connexion");
    }

    @Test
    @DisplayName("R8.3 integration tokens: shown once, stored hashed, scoped, revocable; forged or revoked tokens get 401")
    void apiTokens() {
        Staff admin = Staff.signedIn(directory, port, "administrator");
        HttpResponse<String> issued = admin.http().json("POST", "/api/v1/tokens",
                Json.write(Map.of("name", "helpdesk", "role", "dpo", "scopes", Set.of("audit:read"))));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String secret = Json.of(issued).path("secret").asString();
        String id = Json.of(issued).path("token").path("id").asString();
        assertThat(secret).startsWith("charte_");
        assertThat(admin.http().get("/api/v1/tokens").body()).contains(id).doesNotContain(secret);

        HttpResponse<String> me = new Http(port).json("GET", "/api/v1/me", "", "Authorization", "Bearer " + secret);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("token:" + id).contains("SCOPE_audit:read").contains("ROLE_DPO");
        assertThat(new Http(port).json("GET", "/api/v1/grants", "", "Authorization", "Bearer " + secret).statusCode())
                .as("a token never governs access").isEqualTo(403);
        assertThat(new Http(port).json("GET", "/api/v1/me", "", "Authorization", "Bearer charte_forged").statusCode()).isEqualTo(401);

        HttpResponse<String> badScope = admin.http().json("POST", "/api/v1/tokens",
                Json.write(Map.of("name", "x", "role", "dpo", "scopes", Set.of("everything"))));
        assertThat(Json.of(badScope).path("errors").get(0).path("field").asString()).isEqualTo("scopes");

        assertThat(admin.http().json("POST", "/api/v1/tokens/" + id + "/revocation", "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = new Http(port).json("GET", "/api/v1/me", "", "Authorization", "Bearer " + secret);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    @DisplayName("R8.3 accounts take a policy role, a long password, and subcontractor roles belong to a subcontractor")
    void accountRules() {
        Staff admin = Staff.signedIn(directory, port, "administrator");
        HttpResponse<String> badRole = admin.http().json("POST", "/api/v1/staff",
                Json.write(Map.of("login", "zed", "displayName", "Zed", "role", "janitor", "password", "long enough password")));
        assertThat(Json.of(badRole).path("errors").get(0).path("field").asString()).isEqualTo("role");
        HttpResponse<String> shortPassword = admin.http().json("POST", "/api/v1/staff",
                Json.write(Map.of("login", "zed", "displayName", "Zed", "role", "adv", "password", "short")));
        assertThat(Json.of(shortPassword).path("errors").get(0).path("field").asString()).isEqualTo("password");
        HttpResponse<String> orphan = admin.http().json("POST", "/api/v1/staff",
                Json.write(Map.of("login", "zed", "displayName", "Zed", "role", "support-subcontractor", "password", "long enough password")));
        assertThat(Json.of(orphan).path("errors").get(0).path("field").asString()).isEqualTo("subcontractorId");
        assertThat(directory.find("zed")).isEmpty();
        HttpResponse<String> ok = admin.http().json("POST", "/api/v1/staff",
                Json.write(Map.of("login", "zed", "displayName", "Zed", "role", "adv", "password", "long enough password")));
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.body()).doesNotContain("long enough password").doesNotContain("argon2");
    }
}
