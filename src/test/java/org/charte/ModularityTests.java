package org.charte;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.charte.commerce.ContractTerminated;
import org.charte.commerce.InvoicePaid;
import org.charte.commerce.InvoiceUnpaid;
import org.charte.commerce.LitigationClosed;
import org.charte.commerce.LitigationOpened;
import org.charte.commerce.SubscriptionStarted;
import org.charte.mail.SmsStopReceived;
import org.charte.subjects.DeathNotified;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(CharteApplication.class);

    @Test
    @DisplayName("modules reach each other only through their public API (Spring Modulith verify)")
    void verify() {
        MODULES.verify();
    }

    /** The modules the application is made of: a new one is a decision, and the module map and docs must follow it. */
    static final Set<String> MODULE_NAMES = Set.of("access", "audit", "cli", "commerce", "common", "cookies", "hosting", "mail", "marketing", "policy", "registers", "retention",
            "rights", "subjects", "support", "vault", "web");

    /** The events that cross modules, by the module that listens to them (the event map). */
    static final Map<String, List<Class<?>>> LISTENED_TO = Map.of(
            "retention", List.of(InvoiceUnpaid.class, InvoicePaid.class, LitigationOpened.class, LitigationClosed.class),
            "hosting", List.of(SubscriptionStarted.class, ContractTerminated.class),
            "rights", List.of(DeathNotified.class),
            "marketing", List.of(SmsStopReceived.class));

    static final Path DOCS = Path.of("target/spring-modulith-docs");

    @Test
    @DisplayName("the application is made of exactly the expected modules, each under its own package of org.charte")
    void modules() {
        assertThat(MODULES.stream().map(module -> module.getIdentifier().toString())).containsExactlyInAnyOrderElementsOf(MODULE_NAMES);
        MODULES.forEach(module -> assertThat(module.getBasePackage().getName()).isEqualTo("org.charte." + module.getIdentifier()));
    }

    @Test
    @DisplayName("module documentation (Documenter): the map shows every module; each module has a diagram and a canvas naming it; "
            + "the canvases list the events that cross modules")
    void document() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString())) // cleans the folder first
                .writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();

        Set<String> expected = new TreeSet<>(Set.of("components.puml"));
        MODULE_NAMES.forEach(name -> expected.addAll(List.of("module-" + name + ".puml", "module-" + name + ".adoc")));
        try (Stream<Path> files = Files.list(DOCS)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
        String map = Files.readString(DOCS.resolve("components.puml"));
        MODULES.forEach(module -> {
            assertThat(map).as("the module map").contains("\"" + module.getDisplayName() + "\", $techn=\"Module\"");
            assertThat(read("module-" + module.getIdentifier() + ".puml")).as("its diagram").contains("title <size:24>" + module.getDisplayName() + "</size>");
            assertThat(read("module-" + module.getIdentifier() + ".adoc")).as("its canvas").contains("`" + module.getBasePackage().getName() + "`");
        });
        LISTENED_TO.forEach((name, events) -> {
            String canvas = read("module-" + name + ".adoc");
            String listened = canvas.substring(canvas.indexOf("|Events listened to"));
            events.forEach(event -> assertThat(listened).as(name + " listens to " + event.getSimpleName()).contains("." + event.getSimpleName() + "`"));
        });
    }

    private static String read(String file) {
        try {
            return Files.readString(DOCS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("one clock: no main code asks the system for the time, no SQL calls now()")
    void oneClock() throws IOException {
        Pattern javaNow = Pattern.compile("\\b(Instant|LocalDate|LocalDateTime|OffsetDateTime|ZonedDateTime|LocalTime)\\.now\\(\\)|System\\.currentTimeMillis\\(\\)|new java\\.util\\.Date\\(\\)");
        Pattern sqlNow = Pattern.compile("(?i)\\b(now\\(\\)|current_timestamp|current_date|localtimestamp)");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.toString();
                Pattern pattern = name.endsWith(".java") ? javaNow : name.endsWith(".sql") ? sqlNow : null;
                if (pattern != null && pattern.matcher(Files.readString(file)).find()) {
                    offenders.add(name);
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}
