package org.charte;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    @Test
    @DisplayName("module documentation is generated (Documenter)")
    void document() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
        assertThat(Path.of("target/spring-modulith-docs/components.puml")).exists();
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
