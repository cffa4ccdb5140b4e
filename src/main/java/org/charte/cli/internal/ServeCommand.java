package org.charte.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.charte.access.AdministratorEnrolment;
import org.charte.policy.InvalidPolicyException;
import org.charte.policy.PolicyLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs Charte: the web pages, the API and the scheduled jobs.",
                "Without --database-url it uses the embedded H2 database under --data-dir."})
public class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy file to enforce (default: the Gestan Cloud v1.2 policy shipped with Charte).")
    @Nullable Path policy;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the embedded database (default: ${DEFAULT-VALUE}).", defaultValue = "./data")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "JDBC_URL", description = "A PostgreSQL database, e.g. jdbc:postgresql://localhost/charte; user and password from CHARTE_DB_USER and CHARTE_DB_PASSWORD.")
    @Nullable String databaseUrl;

    /** The running application, once started: what a test stops. */
    @Nullable ConfigurableApplicationContext started;

    @Option(names = "--public-url", paramLabel = "URL", description = {"The address people reach Charte at, which links in mails start with, "
            + "e.g. https://privacy.example.org (default: the environment variable CHARTE_PUBLIC_URL, or the property charte.public-url).",
            "Required: a mail sent in the background (a death notice's links) cannot guess it."})
    @Nullable String publicUrl;

    @Override
    public Integer call() {
        String url = publicUrl(publicUrl, System.getenv("CHARTE_PUBLIC_URL"), System.getProperty("charte.public-url"));
        if (url == null) {
            spec.commandLine().getErr().println("charte: say where people reach Charte, for the links in its mails: --public-url=https://privacy.example.org, "
                    + "or the environment variable CHARTE_PUBLIC_URL (property charte.public-url).");
            return 1;
        }
        if (!url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            spec.commandLine().getErr().println("charte: the public URL (--public-url, CHARTE_PUBLIC_URL, charte.public-url) must be an absolute "
                    + "http or https address without query, such as https://privacy.example.org.");
            return 1;
        }
        Map<String, Object> properties = properties();
        properties.put("charte.public-url", url);
        return start(spec, properties, List.of(), context -> {
            started = context;
            firstAdministratorHint(context, spec.commandLine().getOut());
        });
    }

    /** The first public URL given: the option, then the environment, then a system property; null when none. */
    static @Nullable String publicUrl(@Nullable String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return null;
    }

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    /** A new database has no administrator: say how to make the first one (R8.3), in the log and on the terminal. */
    static void firstAdministratorHint(ConfigurableApplicationContext context, PrintWriter out) {
        if (context.getBean(AdministratorEnrolment.class).administratorExists()) {
            return;
        }
        String hint = "No administrator yet. Make the first one with: ./charte staff create-admin LOGIN "
                + "(with this command's --data-dir or --database-url); it prints a one-time link where they set their "
                + "password and second factor.";
        log.warn(hint);
        out.println(hint);
    }

    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("charte.data-dir", dataDir.toString());
        if (policy != null) {
            properties.put("charte.policy.file", policy.toString());
        }
        if (databaseUrl != null) {
            properties.put("spring.datasource.url", databaseUrl);
            properties.put("spring.datasource.username", env("CHARTE_DB_USER", "charte"));
            properties.put("spring.datasource.password", env("CHARTE_DB_PASSWORD", ""));
        }
        return properties;
    }

    private static String reason(Throwable e, Map<String, Object> properties) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PortInUseException) {
                return "port " + properties.get("server.port") + " is already in use; stop what uses it or choose another with --port.";
            }
            if (cause instanceof InvalidPolicyException invalid) {
                return invalid.getMessage();
            }
        }
        return "see the message above.";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** Checks the policy first (a clear message and exit 1), then starts the application. */
    static int start(CommandSpec spec, Map<String, Object> properties, List<String> profiles) {
        return start(spec, properties, profiles, context -> {});
    }

    static int start(CommandSpec spec, Map<String, Object> properties, List<String> profiles,
            Consumer<ConfigurableApplicationContext> onStarted) {
        Object file = properties.get("charte.policy.file");
        if (file != null) {
            try {
                PolicyLoader.load(Path.of(file.toString()));
            } catch (InvalidPolicyException e) {
                spec.commandLine().getErr().println("charte: the policy file cannot be used.\n" + e.getMessage());
                return 1;
            }
        }
        try {
            onStarted.accept(Application.start(properties, profiles));
            return CharteCommand.KEEP_RUNNING;
        } catch (RuntimeException e) {
            // Spring Boot has logged a failure analysis, without a stack trace; say it plainly too.
            spec.commandLine().getErr().println("charte: Charte did not start: " + reason(e, properties));
            return 1;
        }
    }
}
