package org.charte.cli.internal;

import java.io.PrintWriter;
import java.sql.SQLException;
import org.charte.cli.internal.AuditCommand;
import org.charte.cli.internal.DemoCommand;
import org.charte.cli.internal.GenerateCommand;
import org.charte.cli.internal.PolicyCommand;
import org.charte.cli.internal.RetentionCommand;
import org.charte.cli.internal.ServeCommand;
import org.charte.cli.internal.StaffCommand;
import org.charte.cli.internal.TotpCommand;
import org.charte.cli.internal.VaultCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code charte}: the root of the command line. */
@Command(name = "charte", mixinStandardHelpOptions = true, versionProvider = CharteCommand.Version.class,
        description = "Charte makes a privacy policy true in running software.",
        subcommands = {ServeCommand.class, DemoCommand.class, PolicyCommand.class, TotpCommand.class, AuditCommand.class, VaultCommand.class, GenerateCommand.class,
                RetentionCommand.class, StaffCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run 'charte COMMAND --help' for the options of a command."})
public class CharteCommand implements Runnable {

    /** Returned by a command whose web server keeps running after the command returns. */
    public static final int KEEP_RUNNING = -1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code, or {@link #KEEP_RUNNING}. */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The command line as {@link #run} executes it: what a test runs to reach a command afterwards (a server to stop). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new CharteCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        // A failure inside a command prints its message alone, never a stack trace.
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("charte: " + reason(e));
            return 1;
        });
        return commandLine;
    }

    /** The deepest cause's message: what went wrong, without the layers of start-up around it. */
    static String reason(Throwable e) {
        Throwable root = e;
        boolean database = false;
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            root = cause;
            database |= cause instanceof SQLException
                    || String.valueOf(cause.getMessage()).contains("Could not get Connection");
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (database) {
            return "cannot open the database: " + message.lines().findFirst().orElse(message);
        }
        return message.lines().findFirst().orElse(message);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CharteCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Charte " + (version == null ? "(development build)" : version)};
        }
    }
}
