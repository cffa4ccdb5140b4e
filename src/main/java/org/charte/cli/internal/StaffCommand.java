package org.charte.cli.internal;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.charte.access.AccessException;
import org.charte.access.AdministratorEnrolment;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "staff", mixinStandardHelpOptions = true,
        description = "Staff accounts from the command line.",
        subcommands = {StaffCommand.CreateAdmin.class})
public class StaffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("charte staff: missing sub-command (create-admin)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "create-admin", mixinStandardHelpOptions = true,
            description = {"Creates an administrator and prints a one-time enrolment link (valid "
                    + AdministratorEnrolment.VALIDITY_HOURS + " hours, usable once),",
                    "where they choose their password and enrol their second factor (TOTP).",
                    "This is how a new database gets its first administrator. Refuses a login that exists."})
    static class CreateAdmin implements Callable<Integer> {

        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "LOGIN", description = "The new login: 2 to 64 lower-case letters, digits, dots, dashes or underscores.")
        String login;

        @Option(names = "--name", paramLabel = "NAME", description = "The administrator's name as staff see it (default: the login).")
        @Nullable String name;

        @Option(names = "--public-url", paramLabel = "URL", description = "The server's address the link starts with "
                + "(default: charte.public-url, else http://localhost:8080).")
        @Nullable String publicUrl;

        @Mixin
        AuditCommand.Database database;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (publicUrl != null && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
                return usage("--public-url must be an http:// or https:// address");
            }
            if (name != null && (name.isBlank() || name.length() > 200)) {
                return usage("--name must be 1 to 200 characters");
            }
            ConfigurableApplicationContext context;
            try {
                context = Application.startWithoutWeb(database.properties());
            } catch (RuntimeException e) {
                err.println("charte staff create-admin: cannot open the database: " + rootMessage(e));
                return 1;
            }
            try (context) {
                AdministratorEnrolment enrolment = context.getBean(AdministratorEnrolment.class);
                if (enrolment.loginExists(login.strip())) {
                    err.println("charte staff create-admin: login '" + login.strip() + "' exists already; nothing was created.");
                    return 1;
                }
                AdministratorEnrolment.Enrolment created;
                try {
                    created = enrolment.createAdministrator(login, name == null ? login.strip() : name.strip());
                } catch (AccessException e) {
                    return usage(e.getMessage());
                }
                String base = publicUrl != null ? publicUrl : context.getEnvironment().getProperty("charte.public-url", "");
                if (base.isBlank()) {
                    base = "http://localhost:8080";
                }
                base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
                PrintWriter out = spec.commandLine().getOut();
                out.println("Administrator " + created.login() + " created. Give them this one-time link, valid until "
                        + WHEN.format(created.expiresAt()) + " and usable once:");
                out.println();
                out.println("  " + base + created.path());
                out.println();
                out.println("There they choose their password, then enrol their second factor (TOTP).");
                return 0;
            }
        }

        private static String rootMessage(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return message.lines().findFirst().orElse(message);
        }

        private int usage(String problem) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("charte staff create-admin: " + problem);
            err.println("Usage: charte staff create-admin LOGIN [--name NAME] [--public-url URL] [--data-dir DIR] [--database-url JDBC_URL]");
            return 2;
        }
    }
}
