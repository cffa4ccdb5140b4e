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
        subcommands = {StaffCommand.CreateAdmin.class, StaffCommand.EnrolmentLink.class})
public class StaffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("charte staff: missing sub-command (create-admin, enrolment-link)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    static void printLink(PrintWriter out, String done, AdministratorEnrolment.Enrolment enrolment, @Nullable String publicUrl,
            ConfigurableApplicationContext context) {
        String base = publicUrl != null ? publicUrl : context.getEnvironment().getProperty("charte.public-url", "");
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        out.println(done + " Give them this one-time link, valid until " + WHEN.format(enrolment.expiresAt()) + " and usable once:");
        if (base.isBlank()) {
            out.println("(no public URL given: put the address people reach Charte at, as given to serve's --public-url, before it)");
        }
        out.println();
        out.println("  " + base + enrolment.path());
        out.println();
        out.println("There they choose their password, then enrol their second factor (TOTP).");
    }

    static @Nullable String badPublicUrl(@Nullable String publicUrl) {
        return publicUrl != null && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?") ? "--public-url must be an http:// or https:// address" : null;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Command(name = "enrolment-link", mixinStandardHelpOptions = true,
            description = {"Prints a new one-time enrolment link for an account that has not enrolled its second factor yet",
                    "(its link expired or was lost); its earlier links stop working."})
    static class EnrolmentLink implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "LOGIN", description = "The account's login.")
        String login;

        @Option(names = "--public-url", paramLabel = "URL", description = "The server's address the link starts with "
                + "(default: CHARTE_PUBLIC_URL or charte.public-url).")
        @Nullable String publicUrl;

        @Mixin
        AuditCommand.Database database;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            String bad = badPublicUrl(publicUrl);
            if (bad != null) {
                err.println("charte staff enrolment-link: " + bad);
                err.println("Usage: charte staff enrolment-link LOGIN [--public-url URL] [--data-dir DIR] [--database-url JDBC_URL]");
                return 2;
            }
            ConfigurableApplicationContext context;
            try {
                context = Application.startWithoutWeb(database.properties());
            } catch (RuntimeException e) {
                err.println("charte staff enrolment-link: cannot open the database: " + rootMessage(e));
                return 1;
            }
            try (context) {
                AdministratorEnrolment.Enrolment link = context.getBean(AdministratorEnrolment.class).newLink(login);
                printLink(spec.commandLine().getOut(), "New link for " + link.login() + ".", link, publicUrl, context);
                return 0;
            } catch (AccessException e) {
                err.println("charte staff enrolment-link: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "create-admin", mixinStandardHelpOptions = true,
            description = {"Creates an administrator and prints a one-time enrolment link (valid "
                    + AdministratorEnrolment.VALIDITY_HOURS + " hours, usable once),",
                    "where they choose their password and enrol their second factor (TOTP).",
                    "This is how a new database gets its first administrator. Refuses a login that exists."})
    static class CreateAdmin implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "LOGIN", description = "The new login: 2 to 64 lower-case letters, digits, dots, dashes or underscores.")
        String login;

        @Option(names = "--name", paramLabel = "NAME", description = "The administrator's name as staff see it (default: the login).")
        @Nullable String name;

        @Option(names = "--public-url", paramLabel = "URL", description = "The server's address the link starts with "
                + "(default: CHARTE_PUBLIC_URL or charte.public-url).")
        @Nullable String publicUrl;

        @Mixin
        AuditCommand.Database database;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            String bad = badPublicUrl(publicUrl);
            if (bad != null) {
                return usage(bad);
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
                printLink(spec.commandLine().getOut(), "Administrator " + created.login() + " created.", created, publicUrl, context);
                return 0;
            }
        }

        private int usage(String problem) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("charte staff create-admin: " + problem);
            err.println("Usage: charte staff create-admin LOGIN [--name NAME] [--public-url URL] [--data-dir DIR] [--database-url JDBC_URL]");
            return 2;
        }
    }
}
