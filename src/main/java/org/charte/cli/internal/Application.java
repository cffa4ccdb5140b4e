package org.charte.cli.internal;

import java.util.List;
import java.util.Map;
import org.charte.CharteApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring application with the options a command gathered. */
final class Application {

    private Application() {}

    /** The application without its web server, for commands that only need the database. */
    static ConfigurableApplicationContext startWithoutWeb(Map<String, Object> properties) {
        java.util.Map<String, Object> all = new java.util.LinkedHashMap<>(properties);
        all.put("spring.main.web-application-type", "none");
        all.put("logging.level.root", "ERROR");
        all.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
        return start(all, List.of());
    }

    /** The options go in as command-line properties, so they win over application.properties. */
    static ConfigurableApplicationContext start(Map<String, Object> properties, List<String> profiles) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(CharteApplication.class)
                .profiles(profiles.toArray(String[]::new))
                .run(args);
    }
}
