package org.charte.cli.internal;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.charte.common.PlausibleDate;
import org.charte.common.Zones;
import org.charte.retention.LegalHolds;
import org.charte.retention.RetentionRuns;
import org.charte.retention.RetentionRuns.Report;
import org.charte.retention.RetentionRuns.RuleCounts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Runs retention (policy §5): erases what is past its limit, with proofs; lists legal holds.",
        subcommands = {RetentionCommand.Run.class, RetentionCommand.Holds.class})
public class RetentionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("charte retention: missing sub-command (run or holds)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    static @Nullable ConfigurableApplicationContext open(CommandSpec spec, AuditCommand.Database database) {
        Map<String, Object> properties = database.properties();
        // A command is not a node of the cluster: its own process never runs the nightly jobs.
        properties.put("charte.retention.cron", "-");
        properties.put("charte.commerce.contract-ends-cron", "-");
        try {
            return Application.startWithoutWeb(properties);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("charte retention: cannot open the database: " + CharteReason.of(e));
            return null;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Erases whatever is past its limit as of a day (default: today), rule by rule, in batches of one transaction each, "
                    + "with a proof of erasure per person or record; archives what a legal obligation still keeps (L4).",
                    "Safe to interrupt: run it again to finish. --dry-run changes nothing and says what would go and what legal holds keep."})
    static class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AuditCommand.Database database;

        @Option(names = "--dry-run", description = "Change nothing: say what would be erased or archived, and what legal holds keep.")
        boolean dryRun;

        @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", converter = IsoDate.class,
                description = "Count limits as of this day (default: today, Paris time).")
        @Nullable LocalDate asOf;

        @Option(names = "--ahead", description = "Let a run that erases count as of a day after today. Data would go before its time: "
                + "for rehearsals on a copy of the database only.")
        boolean ahead;

        @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
                description = "People or records per batch, one transaction each (1 to 10000; default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Override
        public Integer call() {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be between 1 and 10000, not " + batchSize);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ConfigurableApplicationContext context = open(spec, database);
            if (context == null) {
                return 1;
            }
            try (context) {
                LocalDate today = LocalDate.now(context.getBean(Clock.class).withZone(Zones.PARIS));
                LocalDate day = asOf != null ? asOf : today;
                if (!dryRun && !ahead && day.isAfter(today)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--as-of " + day + " is after today (" + today
                            + "): a run that erases would remove data before its time; add --dry-run to see what that day would erase, "
                            + "or --ahead on a copy of the database");
                }
                Progress progress = new Progress(out, err, System.console() != null);
                Report report;
                try {
                    report = context.getBean(RetentionRuns.class).run(new RetentionRuns.Request(day, dryRun, RetentionRuns.Trigger.COMMAND, batchSize),
                            progress);
                } catch (RetentionRuns.RunInProgressException e) {
                    progress.end();
                    err.println("charte retention run: " + e.getMessage());
                    return 1;
                } catch (RuntimeException e) {
                    progress.end();
                    err.println("charte retention run: stopped: " + CharteReason.of(e) + " (the batches finished before are kept; run it again)");
                    return 1;
                }
                progress.end();
                summary(out, report);
                return 0;
            }
        }

        static void summary(PrintWriter out, Report report) {
            out.printf(Locale.ROOT, "%-26s %12s %12s %12s %10s %8s %8s%n", "rule", "due", report.dryRun() ? "would erase" : "erased", "rows",
                    report.dryRun() ? "would arch." : "archived", "held", "skipped");
            for (RuleCounts rule : report.rules()) {
                out.printf(Locale.ROOT, "%-26s %,12d %,12d %,12d %,10d %,8d %,8d%n", rule.ruleId(), rule.due(), rule.erased(),
                        report.dryRun() ? 0 : rule.records(), rule.archived(), rule.held(), rule.skipped());
            }
            if (!report.held().isEmpty()) {
                out.println("Kept by legal holds:");
                for (RetentionRuns.HeldItem item : report.held()) {
                    out.printf(Locale.ROOT, "  %-16s %s %s  hold %s (%s, %s%s)%n", item.ruleId(), item.recordType(), item.recordId(), item.holdId(),
                            item.kind().code(), item.reasonCode(), item.endsOn() == null ? "" : ", until " + item.endsOn());
                }
            }
            out.printf(Locale.ROOT, "Retention run %s as of %s %s: %s %,d, archived %,d, kept by legal holds %,d.%s%n", report.id(), report.asOf(),
                    report.status(), report.dryRun() ? "would erase" : "erased", report.erased(), report.archived(), report.heldCount(),
                    report.dryRun() ? " Dry run: nothing was changed." : "");
        }
    }

    /**
     * What is due per rule when the run starts (standard output), then a progress bar on standard
     * error, redrawn in place on a terminal, or a plain line per tenth otherwise.
     */
    static final class Progress implements RetentionRuns.ProgressListener {
        private static final int WIDTH = 30;
        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean terminal;
        private final long start = System.nanoTime();
        private final Map<String, Long> shownTenth = new LinkedHashMap<>();
        private long drawn;
        private boolean open;

        Progress(PrintWriter out, PrintWriter err, boolean terminal) {
            this.out = out;
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void started(UUID runId, Map<String, Long> dueByRule) {
            out.printf(Locale.ROOT, "Retention run %s. Due by rule:%n", runId);
            dueByRule.forEach((rule, due) -> out.printf(Locale.ROOT, "  %-26s %,12d%n", rule, due));
            out.flush();
        }

        @Override
        public void progressed(String ruleId, long done, long due) {
            String line = String.format(Locale.ROOT, "%-22s [%s%s] %,d/%,d  %.0fs", ruleId, "#".repeat((int) (WIDTH * done / Math.max(1, due))),
                    ".".repeat(WIDTH - (int) (WIDTH * done / Math.max(1, due))), done, due, (System.nanoTime() - start) / 1e9);
            if (terminal) {
                long now = System.nanoTime();
                if (done >= due || now - drawn > 200_000_000L) {
                    drawn = now;
                    err.print("\r" + line + "   ");
                    err.flush();
                    open = true;
                }
            } else {
                long tenth = 10 * done / Math.max(1, due);
                if (!Long.valueOf(tenth).equals(shownTenth.get(ruleId))) {
                    shownTenth.put(ruleId, tenth);
                    err.println(line);
                    err.flush();
                }
            }
        }

        void end() {
            if (open) {
                err.println();
                err.flush();
                open = false;
            }
        }
    }

    @Command(name = "holds", mixinStandardHelpOptions = true, description = "Lists the legal holds in force today.")
    static class Holds implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AuditCommand.Database database;

        @Override
        public Integer call() {
            ConfigurableApplicationContext context = open(spec, database);
            if (context == null) {
                return 1;
            }
            try (context) {
                LocalDate today = LocalDate.now(context.getBean(Clock.class).withZone(Zones.PARIS));
                List<LegalHolds.Hold> holds = context.getBean(LegalHolds.class).active(today);
                PrintWriter out = spec.commandLine().getOut();
                out.printf(Locale.ROOT, "%d legal hold(s) in force on %s.%n", holds.size(), today);
                for (LegalHolds.Hold hold : holds) {
                    out.printf(Locale.ROOT, "  %s %-22s %s %s  %s  since %s%s%n", hold.id(), hold.kind().code(),
                            hold.onPerson() ? "person" : hold.recordType(), hold.onPerson() ? hold.subjectId() : hold.recordId(), hold.reasonCode(),
                            hold.placedOn(), hold.endsOn() == null ? "" : " until " + hold.endsOn());
                }
                return 0;
            }
        }
    }

    /** A day as YYYY-MM-DD, or a plain usage error. */
    static final class IsoDate implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            LocalDate day;
            try {
                day = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a date as YYYY-MM-DD");
            }
            if (!PlausibleDate.isPlausible(day)) {
                throw new CommandLine.TypeConversionException("'" + value + "' " + PlausibleDate.MESSAGE);
            }
            return day;
        }
    }

    /** The deepest cause's first line: what went wrong, without the layers around it. */
    static final class CharteReason {
        static String of(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return message.lines().findFirst().orElse(message);
        }
    }
}
