package org.charte.hosting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import org.charte.CharteApplication;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

class HostingStartupTests {

    @Test
    @DisplayName("R7.1 a hosted-database store configured outside the allowed locations stops start-up with a readable message")
    void storeOutsideFranceStopsStartUp(@TempDir Path dir) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(CharteApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=jdbc:h2:mem:startup" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                        "--charte.data-dir=" + dir, "--charte.hosting.stores.hosted-databases.location=DE",
                        "--logging.level.org.springframework.boot.SpringApplication=OFF")
                .close());
        HostingConfigurationException cause = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HostingConfigurationException h) {
                cause = h;
            }
        }
        assertThat(cause).as("start-up refused by the hosting check").isNotNull();
        assertThat(cause.getMessage()).contains("charte.hosting.stores.hosted-databases.location",
                "configured in DE, outside the policy's allowed locations (FR)");
        FailureAnalysis analysis = new HostingFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).isEqualTo(cause.getMessage());
        assertThat(analysis.getAction()).contains("allowedLocations");
    }
}
