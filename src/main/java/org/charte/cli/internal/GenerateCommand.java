package org.charte.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.charte.commerce.SyntheticCommerce;
import org.charte.common.SyntheticData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.SyntheticSubjects;
import org.charte.support.SyntheticSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code charte generate}: fictitious people and their relationship, for benchmarks. The only
 * command that starts the application with {@link SyntheticData#PROPERTY} set, which the modules'
 * bulk paths require.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generates fictitious French people (prospects, active and inactive clients) with client accounts, subscriptions, "
                + "orders, invoices, payments and support tickets, all sealed like real data, for benchmarks and load tests.",
                "Written in chunks of " + GenerateCommand.CHUNK + " people, one transaction each: an interrupted run keeps the chunks "
                        + "already written. Not an access by anyone: nothing goes to the audit log."})
public class GenerateCommand implements Callable<Integer> {

    static final int CHUNK = 1000;
    static final int MAX = 10_000_000;
    /** Clients with a support ticket, in percent; prospects get one less often. */
    static final int CLIENT_TICKETS = 30;
    static final int PROSPECT_TICKETS = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--subjects", paramLabel = "N", required = true, description = "How many people to generate (1 to 10,000,000).")
    int subjects;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the random choices (default: a random one, printed at the end).")
    @Nullable Long seed;

    @Mixin
    AuditCommand.Database database;

    @Override
    public Integer call() {
        if (subjects < 1 || subjects > MAX) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--subjects must be between 1 and 10000000, not " + subjects);
        }
        long chosenSeed = seed != null ? seed : new SecureRandom().nextLong();
        Map<String, Object> properties = database.properties();
        properties.put(SyntheticData.PROPERTY, "true");
        PrintWriter err = spec.commandLine().getErr();
        ConfigurableApplicationContext context;
        try {
            context = Application.startWithoutWeb(properties);
        } catch (RuntimeException e) {
            err.println("charte generate: cannot open the database: " + rootMessage(e));
            return 1;
        }
        Path keyFile = database.dataDir.resolve("master.key");
        boolean hadKey = Files.exists(keyFile);
        try (context) {
            Totals totals = run(context, chosenSeed, new Progress(err, subjects));
            if (!hadKey && Files.exists(keyFile)) {
                err.println("A new master key was generated in " + keyFile + ": without it nobody's data can be read.");
            }
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "Generated %,d people (%,d prospects, %,d active and %,d inactive clients) with %,d accounts, %,d subscriptions, "
                            + "%,d orders, %,d invoices, %,d payments, %,d tickets and %,d messages in %.1f s (%,.0f people/s; seed %d).%n",
                    totals.people, totals.byStatus[0], totals.byStatus[1], totals.byStatus[2], totals.commerce.accounts(),
                    totals.commerce.subscriptions(), totals.commerce.orders(), totals.commerce.invoices(), totals.commerce.payments(),
                    totals.tickets, totals.messages, totals.seconds, totals.people / Math.max(totals.seconds, 1e-9), chosenSeed);
            return 0;
        } catch (RuntimeException e) {
            err.println();
            err.println("charte generate: stopped: " + rootMessage(e) + " (the chunks written before are kept)");
            return 1;
        }
    }

    static final class Totals {
        long people;
        final long[] byStatus = new long[3];
        SyntheticCommerce.Written commerce = new SyntheticCommerce.Written(0, 0, 0, 0, 0);
        long tickets;
        long messages;
        double seconds;
    }

    private Totals run(ConfigurableApplicationContext context, long seedValue, Progress progress) {
        SyntheticSubjects people = context.getBean(SyntheticSubjects.class);
        SyntheticCommerce commerce = context.getBean(SyntheticCommerce.class);
        SyntheticSupport support = context.getBean(SyntheticSupport.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        Random random = new Random(seedValue);
        Totals totals = new Totals();
        long start = System.nanoTime();
        for (int done = 0; done < subjects; ) {
            int n = Math.min(CHUNK, subjects - done);
            transaction.executeWithoutResult(status -> {
                List<SyntheticSubjects.Generated> generated = people.generate(random, n);
                List<SyntheticCommerce.Client> clients = new ArrayList<>();
                List<SyntheticSupport.Requester> requesters = new ArrayList<>();
                for (SyntheticSubjects.Generated person : generated) {
                    totals.byStatus[person.status().ordinal()]++;
                    boolean client = person.status() != SubjectStatus.PROSPECT;
                    if (client) {
                        clients.add(new SyntheticCommerce.Client(person.id(), person.key(), person.clientSince(), person.contractEndedOn(),
                                person.lastContactOn()));
                    }
                    if (random.nextInt(100) < (client ? CLIENT_TICKETS : PROSPECT_TICKETS)) {
                        requesters.add(new SyntheticSupport.Requester(person.id(), person.key(),
                                client ? person.clientSince() : person.lastContactOn().minusYears(1), person.lastContactOn()));
                    }
                }
                SyntheticCommerce.Written written = commerce.generate(random, clients);
                SyntheticSupport.Written tickets = support.generate(random, requesters);
                SyntheticCommerce.Written sum = totals.commerce;
                totals.commerce = new SyntheticCommerce.Written(sum.accounts() + written.accounts(), sum.subscriptions() + written.subscriptions(),
                        sum.orders() + written.orders(), sum.invoices() + written.invoices(), sum.payments() + written.payments());
                totals.tickets += tickets.tickets();
                totals.messages += tickets.messages();
            });
            done += n;
            totals.people = done;
            progress.update(done);
        }
        totals.seconds = (System.nanoTime() - start) / 1e9;
        progress.finish(totals.people);
        return totals;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** A one-line textual progress bar: count, rate and time left, redrawn at most four times a second. */
    static final class Progress {
        private static final int WIDTH = 30;
        private static final long EVERY_NANOS = 250_000_000L;
        private final PrintWriter err;
        private final long total;
        private final long start = System.nanoTime();
        private long shown = Long.MIN_VALUE;

        Progress(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
        }

        void update(long done) {
            long now = System.nanoTime();
            if (done >= total || now - shown < EVERY_NANOS) {
                return;
            }
            shown = now;
            err.print("\r" + line(done, (now - start) / 1e9, total));
            err.flush();
        }

        void finish(long done) {
            err.print("\r" + line(done, (System.nanoTime() - start) / 1e9, total));
            err.println();
            err.flush();
        }

        static String line(long done, double seconds, long total) {
            int filled = (int) (WIDTH * done / Math.max(1, total));
            double rate = seconds > 0 ? done / seconds : 0;
            String eta = done >= total ? "done" : rate > 0 ? "ETA " + duration((total - done) / rate) : "ETA ?";
            return String.format(Locale.ROOT, "[%s%s] %,d/%,d people  %,.0f/s  %s   ", "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
                    rate, eta);
        }

        static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? "%dh%02dm%02ds".formatted(s / 3600, s / 60 % 60, s % 60) : s >= 60 ? "%dm%02ds".formatted(s / 60, s % 60) : s + "s";
        }
    }
}
