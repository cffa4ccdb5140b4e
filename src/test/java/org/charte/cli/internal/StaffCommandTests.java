package org.charte.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.testing.Http;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

/**
 * The first administrator of a new database, through the real command line: {@code serve} says
 * how to make one, {@code staff create-admin} makes it and prints a one-time link, and the link,
 * followed over HTTP, sets the password and enrols the second factor (R8.3).
 */
@Tag("db")
class StaffCommandTests {

    record Run(int code, String out, String err) {}

    static Run charte(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CharteCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static final Pattern LINK = Pattern.compile("(http://\\S+/backoffice/premier-acces/([A-Za-z0-9_-]+))");

    @Test
    @DisplayName("R8.3 serve on a new database says how to make the first administrator; staff create-admin prints a one-time, expiring link where they set their password and enrol TOTP; staff enrolment-link replaces a lost one")
    void firstAdministrator(@TempDir Path dataDir) throws IOException {
        String url = TestDatabase.newDatabaseUrl();
        int port = freePort();
        StringWriter serveOut = new StringWriter();
        CommandLine serve = CharteCommand.commandLine(new PrintWriter(serveOut, true), new PrintWriter(new StringWriter(), true));
        int started = serve.execute("serve", "--port", String.valueOf(port), "--database-url", url, "--data-dir", dataDir.toString(),
                "--public-url", "http://127.0.0.1:" + port);
        assertThat(started).isEqualTo(CharteCommand.KEEP_RUNNING);
        ServeCommand server = serve.getSubcommands().get("serve").getCommand();
        try (var context = server.started) {
            assertThat(serveOut.toString()).contains("No administrator yet").contains("./charte staff create-admin LOGIN");

            String[] database = {"--database-url", url, "--data-dir", dataDir.toString()};
            Run created = charte(concat(new String[] {"staff", "create-admin", "premiere.admin", "--name", "Première Administratrice",
                    "--public-url", "http://localhost:" + port}, database));
            assertThat(created.code()).as(created.err()).isZero();
            Matcher link = LINK.matcher(created.out());
            assertThat(link.find()).as(created.out()).isTrue();
            assertThat(created.out()).contains("usable once");

            Run again = charte(concat(new String[] {"staff", "create-admin", "premiere.admin"}, database));
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).contains("exists already");
            Run malformed = charte(concat(new String[] {"staff", "create-admin", "Not A Login!"}, database));
            assertThat(malformed.code()).isEqualTo(2);
            assertThat(malformed.err()).contains("Usage: charte staff create-admin LOGIN").doesNotContain("\tat ");
            Run missing = charte("staff", "create-admin");
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err()).contains("Usage: charte staff create-admin");

            // Following the link over HTTP: a password (checked), then the second factor.
            Http browser = new Http(port);
            String path = URI.create(link.group(1)).getPath();
            HttpResponse<String> form = browser.get(path);
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("premiere.admin");
            HttpResponse<String> mismatch = browser.postForm(path, Map.of("password", "un mot de passe solide", "confirmation",
                    "un autre mot de passe", "_csrf", Http.csrf(form.body())));
            assertThat(mismatch.statusCode()).isEqualTo(400);
            assertThat(mismatch.body()).contains("Les deux mots de passe diffèrent");
            String password = "un mot de passe solide";
            HttpResponse<String> set = browser.postForm(path, Map.of("password", password, "confirmation", password,
                    "_csrf", Http.csrf(mismatch.body())));
            assertThat(set.headers().firstValue("Location").orElse("")).as(set.statusCode() + " " + set.body()).endsWith("/backoffice/enrolement");
            HttpResponse<String> enrolment = browser.get("/backoffice/enrolement");
            Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(enrolment.body());
            assertThat(secret.find()).as("the enrolment page shows the key").isTrue();
            HttpResponse<String> enrolled = browser.postForm("/backoffice/enrolement", Map.of("code", Http.nextCode(secret.group(1)),
                    "_csrf", Http.csrf(enrolment.body())));
            assertThat(enrolled.headers().firstValue("Location").orElse("")).endsWith("/backoffice");
            assertThat(browser.get("/api/v1/staff", "Accept", "application/json").statusCode()).as("an administrator's page").isEqualTo(200);

            assertThat(new Http(port).get(path).statusCode()).as("the link works once").isEqualTo(410);
            HttpResponse<String> signIn = new Http(port).signIn("premiere.admin", password, secret.group(1));
            assertThat(signIn.headers().firstValue("Location").orElse("")).as("signs in with both factors").endsWith("/backoffice");

            // A second administrator's link, past its expiry, opens nothing.
            Run second = charte(concat(new String[] {"staff", "create-admin", "second.admin", "--public-url", "http://localhost:" + port}, database));
            Matcher secondLink = LINK.matcher(second.out());
            assertThat(secondLink.find()).as(second.out() + second.err()).isTrue();
            context.getBean(JdbcClient.class).sql("UPDATE staff_enrolment_link SET expires_at = ? WHERE used_at IS NULL")
                    .param(Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC)).update();
            HttpResponse<String> expired = new Http(port).get(URI.create(secondLink.group(1)).getPath());
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.body()).contains("plus valable").doesNotContain("second.admin");

            // A lost or expired link is replaced from the command line; the new one ends the earlier ones.
            Run renewed = charte(concat(new String[] {"staff", "enrolment-link", "second.admin", "--public-url", "http://localhost:" + port}, database));
            Matcher renewedLink = LINK.matcher(renewed.out());
            assertThat(renewedLink.find()).as(renewed.out() + renewed.err()).isTrue();
            Run latest = charte(concat(new String[] {"staff", "enrolment-link", "second.admin", "--public-url", "http://localhost:" + port}, database));
            Matcher latestLink = LINK.matcher(latest.out());
            assertThat(latestLink.find()).as(latest.out() + latest.err()).isTrue();
            assertThat(new Http(port).get(URI.create(renewedLink.group(1)).getPath()).statusCode()).as("replaced").isEqualTo(410);
            assertThat(new Http(port).get(URI.create(latestLink.group(1)).getPath()).statusCode()).isEqualTo(200);
            Run enrolledAlready = charte(concat(new String[] {"staff", "enrolment-link", "premiere.admin"}, database));
            assertThat(enrolledAlready.code()).isEqualTo(1);
            assertThat(enrolledAlready.err()).contains("enrolled its second factor already");
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
