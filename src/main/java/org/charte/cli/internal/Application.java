package org.charte.cli.internal;

import java.util.List;
import java.util.Map;
import org.charte.CharteApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring application with the options a command gathered. */
final class Application {

    private Application() {}

    /** The options go in as command-line properties, so they win over application.properties. */
    static ConfigurableApplicationContext start(Map<String, Object> properties, List<String> profiles) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(CharteApplication.class)
                .profiles(profiles.toArray(String[]::new))
                .run(args);
    }
}
