package org.charte.cli.internal;

import java.util.LinkedHashMap;
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

    /**
     * Starts the application for a command that works on the database and ends: no web server,
     * and only the beans the command asks for (lazy), so that it records no policy version and
     * creates no key. The caller closes the context.
     */
    static ConfigurableApplicationContext startWithoutWeb(Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("spring.main.web-application-type", "none");
        all.put("spring.main.lazy-initialization", "true");
        all.put("spring.main.log-startup-info", "false");
        // The command's output may be JSON on stdout, where the logs also go: only errors there.
        all.putIfAbsent("logging.level.root", "ERROR");
        all.putIfAbsent("logging.level.org.charte", "ERROR");
        // A failure is told by the command itself, without Spring Boot's stack trace.
        all.putIfAbsent("logging.level.org.springframework.boot.SpringApplication", "OFF");
        // Nor a rollback that failed after the failure (a full disk: "Application exception overridden by rollback exception").
        all.putIfAbsent("logging.level.org.springframework.transaction.interceptor", "OFF");
        return start(all, List.of());
    }
}
