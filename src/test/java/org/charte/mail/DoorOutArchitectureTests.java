package org.charte.mail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One door out (R1.4), checked on the compiled application: nothing but the door's own classes
 * reaches a way out of Charte (the mail sender, an SMTP transport, an HTTP client, the SMPP
 * session). A new way out goes through {@link DoorOut}; adding a class to {@link #DOOR} is a
 * decision the review sees. Test classes are exempt (they play the servers).
 */
class DoorOutArchitectureTests {

    /** The door's own classes: the gateway, the mail outbox and its SMTP connections and retries, the SMPP link. */
    static final Set<String> DOOR = Set.of("org.charte.mail.internal.Gateway", "org.charte.mail.internal.MailOutbox",
            "org.charte.mail.internal.SmtpConnections", "org.charte.mail.internal.OutboxRetry", "org.charte.mail.internal.SmppLink");

    static final DescribedPredicate<JavaClass> DOORS_OWN = DescribedPredicate.describe("the door's own classes",
            c -> DOOR.contains(c.getName()) || DOOR.stream().anyMatch(d -> c.getName().startsWith(d + "$")));

    static final DescribedPredicate<JavaClass> WAYS_OUT = DescribedPredicate.describe(
            "a way out (mail sender, SMTP transport, HTTP client, SMPP session)",
            c -> c.getPackageName().startsWith("org.springframework.mail")
                    || c.getName().equals("jakarta.mail.Transport")
                    || c.getPackageName().startsWith("java.net.http")
                    || c.getName().equals("java.net.HttpURLConnection") || c.getName().equals("java.net.URLConnection")
                    || c.getPackageName().startsWith("org.springframework.web.client")
                    || c.getPackageName().startsWith("org.springframework.web.reactive.function.client")
                    || c.getName().equals("org.jsmpp.session.SMPPSession"));

    static final ArchRule ONE_DOOR = noClasses().that(DescribedPredicate.not(DOORS_OWN))
            .should().dependOnClassesThat(WAYS_OUT)
            .because("R1.4: personal data leaves Charte only through the DoorOut, which checks the recipient and audits it");

    @Test
    @DisplayName("R1.4 no class but the door out's own uses the mail sender, an SMTP transport, an HTTP client or the SMPP session")
    void oneDoorOut() {
        JavaClasses application = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.charte");
        assertThat(application.size()).as("the application's classes were imported").isGreaterThan(300);
        assertThat(application.contain("org.charte.mail.internal.Gateway")).isTrue();
        ONE_DOOR.check(application);
    }

    @Test
    @DisplayName("R1.4 the rule bites: a class that posts with its own HTTP client is reported")
    void ruleBites() {
        EvaluationResult result = ONE_DOOR.evaluate(new ClassFileImporter().importClasses(SideDoor.class));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("SideDoor") && line.contains("java.net.http"));
    }

    /** What the rule forbids: personal data posted without the door. */
    static final class SideDoor {
        int post(URI target, String body) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
