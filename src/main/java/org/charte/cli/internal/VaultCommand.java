package org.charte.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.charte.vault.KeyRotation;
import org.charte.vault.SigningKeys;
import org.charte.vault.VaultEpochs;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Manages the vault that encrypts every person's data.",
        subcommands = {VaultCommand.Status.class, VaultCommand.RotateEpoch.class, VaultCommand.Rotate.class,
                VaultCommand.RotateSigningKey.class})
public class VaultCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("charte vault: missing sub-command (status, rotate-epoch, rotate)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** The database options, and where the keystore is (default: the data directory's). */
    static class Keystore {
        @Mixin
        AuditCommand.Database database;

        @Option(names = "--keystore", paramLabel = "DIR",
                description = "The keystore directory holding the key epochs (default: <data-dir>/keystore, or CHARTE_VAULT_KEYSTORE).")
        @Nullable Path keystore;

        Map<String, Object> properties() {
            Map<String, Object> properties = database.properties();
            properties.put("charte.vault.generate-master-key", "false");
            if (keystore != null) {
                properties.put("charte.vault.keystore", keystore.toString());
            }
            return properties;
        }
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static String when(@Nullable Instant instant) {
        return instant == null ? "-" : WHEN.format(instant);
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Shows the key epochs (R8.4): their dates, how many persons' keys each wraps, the next rotation and destruction,",
                    "and why a destruction waits. Changes nothing."})
    static class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Keystore options;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ConfigurableApplicationContext context;
            try {
                context = Application.startWithoutWeb(options.properties());
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("charte vault status: cannot open the vault: " + Rotate.rootMessage(e));
                return 1;
            }
            try (context) {
                VaultEpochs.Status status = context.getBean(VaultEpochs.class).status();
                out.printf("Keystore %s: epochs of %d days; a backup opens until %d epochs after its epoch ended (%d days)%n", status.keystore(),
                        status.epochLength().toDays(), status.horizonEpochs(), status.epochLength().multipliedBy(status.horizonEpochs()).toDays());
                out.printf("  %-6s %-16s %-20s %-20s %-32s %10s%n", "epoch", "key id", "started", "ended", "key", "keys");
                for (VaultEpochs.Epoch epoch : status.epochs()) {
                    String key = !epoch.inKeystore() ? "not in this keystore (unreadable)"
                            : epoch.destroyed() != null ? "destroyed " + when(epoch.destroyed())
                            : epoch.ended() == null ? "current" : "destruction due " + when(epoch.destructionDue());
                    out.printf("  %-6d %-16s %-20s %-20s %-32s %10d%n", epoch.number(), epoch.kekId() == null ? "?" : epoch.kekId(),
                            when(epoch.started()), when(epoch.ended()), key, epoch.keys());
                }
                if (status.epochs().isEmpty()) {
                    out.println("  (no epoch yet: the first is made with the first person's key, or by 'charte vault rotate-epoch')");
                }
                out.printf("Keys still wrapped by the master key (from before epochs): %d%n", status.legacyKeys());
                out.printf("Keys to rewrap under the current epoch: %d%s%n", status.pendingKeys(),
                        status.pendingKeys() > 0 ? " (the rewrap is unfinished: 'charte vault rotate-epoch' finishes it)" : "");
                out.printf("Keys under destroyed epochs (unreadable, by design): %d%n", status.unreadableKeys());
                out.printf("Next rotation: %s%n", when(status.nextRotation()));
                out.printf("Next destruction: %s%n", when(status.nextDestruction()));
                status.waiting().forEach(line -> out.println("Waiting: " + line));
                return 0;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("charte vault status: " + Rotate.rootMessage(e));
                return 1;
            }
        }
    }

    @Command(name = "rotate-epoch", mixinStandardHelpOptions = true,
            description = {"Starts a new key epoch now (R8.4) and rewraps every live person's key under it, in batches; then destroys the",
                    "epochs past the backup horizon (never one that still wraps a live key). An interrupted run loses nothing: run it",
                    "again and it finishes the rewrap before starting any other epoch. The hourly job does the same when an epoch is due."})
    static class RotateEpoch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Keystore options;

        @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000", description = "Keys per transaction (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Override
        public Integer call() {
            if (batchSize < 1) {
                spec.commandLine().getErr().println("charte vault rotate-epoch: --batch-size must be at least 1");
                spec.commandLine().usage(spec.commandLine().getErr());
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            ConfigurableApplicationContext context;
            try {
                context = Application.startWithoutWeb(options.properties());
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("charte vault rotate-epoch: cannot open the vault: " + Rotate.rootMessage(e));
                return 1;
            }
            try (context) {
                VaultEpochs.Result result = context.getBean(VaultEpochs.class).rotateNow(batchSize);
                out.println(result.startedEpoch() != null ? "Key epoch " + result.startedEpoch() + " started."
                        : "An earlier rotation was unfinished: its rewrap under epoch " + result.currentEpoch() + " is finished, no new epoch started.");
                out.printf("%d person key(s) rewrapped under epoch %d%s.%n", result.rewrapped(), result.currentEpoch(),
                        result.complete() ? "" : " (stopped before the end: run again)");
                if (result.unreadable() > 0) {
                    out.printf("%d key(s) are under destroyed epochs: this database holds an old backup; they never open again.%n", result.unreadable());
                }
                out.println(result.destroyed().isEmpty() ? "No epoch was due for destruction." : "Destroyed epoch(s): " + result.destroyed()
                        + ": database backups from before them no longer open.");
                result.waiting().forEach(line -> out.println("Waiting: " + line));
                out.println("Back up the keystore now (" + context.getEnvironment().getProperty("charte.vault.keystore")
                        + "), apart from the database; keep no keystore backup longer than the backup horizon.");
                return result.complete() ? 0 : 1;
            } catch (VaultEpochs.InProgressException e) {
                spec.commandLine().getErr().println("charte vault rotate-epoch: " + e.getMessage());
                return 1;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("charte vault rotate-epoch: " + Rotate.rootMessage(e));
                return 1;
            }
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Rewraps the vault's own keys (blind indexes, secrets) and any person's key still from before epochs under a new",
                    "master key, without touching the encrypted data. Persons' keys are under key epochs: see rotate-epoch.",
                    "With the key file (<data-dir>/master.key) one run does it all: the old key stays in master.key.previous "
                            + "until every key is rewrapped, so an interrupted run loses nothing and running it again finishes it.",
                    "With CHARTE_VAULT_MASTER_KEY, a first run prints a new key; put it in CHARTE_VAULT_MASTER_KEY and the old one in "
                            + "CHARTE_VAULT_PREVIOUS_MASTER_KEY on every node, restart them, then run it again to rewrap the keys.",
                    "Stop Charte, or restart every node right after, so that no node keeps wrapping new keys under the old master key."})
    static class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AuditCommand.Database database;

        @Override
        public Integer call() {
            Map<String, Object> properties = database.properties();
            properties.put("charte.vault.generate-master-key", "false");
            PrintWriter out = spec.commandLine().getOut();
            ConfigurableApplicationContext context;
            try {
                context = Application.startWithoutWeb(properties);
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("charte vault rotate: cannot open the vault: " + rootMessage(e));
                return 1;
            }
            try (context) {
                KeyRotation.Result result = context.getBean(KeyRotation.class).rotate();
                switch (result.outcome()) {
                    case NEW_KEY_FOR_ENVIRONMENT -> {
                        out.println("The master key comes from CHARTE_VAULT_MASTER_KEY, which Charte cannot change. New master key "
                                + "(shown once, keep it safe):");
                        out.println();
                        out.println("  " + result.newKey());
                        out.println();
                        out.println("Nothing has been rewrapped yet. On every node, set CHARTE_VAULT_MASTER_KEY to this new key and "
                                + "CHARTE_VAULT_PREVIOUS_MASTER_KEY to the current one (id " + result.fromKeyId() + "), restart, "
                                + "then run 'charte vault rotate' again.");
                    }
                    case ROTATED -> {
                        out.printf("%s: %d data keys and %d vault keys rewrapped under master key %s (was %s); the data itself is unchanged.%n",
                                result.resumed() ? "Master key rotation finished" : "Master key rotated", result.dataKeys(), result.vaultKeys(),
                                result.toKeyId(), result.fromKeyId());
                        out.println(result.keyFile() != null
                                ? "The new key is in " + result.keyFile() + ": back it up now, apart from the database. The old key is deleted."
                                : "Every key now opens with CHARTE_VAULT_MASTER_KEY: remove CHARTE_VAULT_PREVIOUS_MASTER_KEY from every node.");
                    }
                    case INCOMPLETE -> {
                        out.println("The rotation stopped before every key was rewrapped: run 'charte vault rotate' again.");
                        return 1;
                    }
                }
                return 0;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("charte vault rotate: " + rootMessage(e));
                return 1;
            }
        }

        static String rootMessage(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
    }

    @Command(name = "rotate-signing-key", mixinStandardHelpOptions = true,
            description = {"Makes a new signing key for NAME and retires the current one (its private half destroyed, its public half kept:",
                    "what it signed keeps verifying). NAME: audit-checkpoints or destruction-certificates."})
    static class RotateSigningKey implements Callable<Integer> {
        static final List<String> NAMES = List.of("audit-checkpoints", "destruction-certificates");

        @Spec
        CommandSpec spec;

        @Mixin
        Keystore options;

        @Parameters(index = "0", paramLabel = "NAME", description = "audit-checkpoints or destruction-certificates")
        String name;

        @Override
        public Integer call() {
            if (!NAMES.contains(name)) {
                spec.commandLine().getErr().println("charte vault rotate-signing-key: NAME must be one of " + String.join(", ", NAMES));
                spec.commandLine().getErr().println("Usage: charte vault rotate-signing-key NAME [--data-dir DIR] [--database-url JDBC_URL]");
                return 2;
            }
            ConfigurableApplicationContext context;
            try {
                context = Application.startWithoutWeb(options.properties());
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("charte vault rotate-signing-key: cannot open the vault: " + Rotate.rootMessage(e));
                return 1;
            }
            try (context) {
                SigningKeys keys = context.getBean(SigningKeys.class);
                String before = keys.current(name).keyId();
                SigningKeys.PublicSigningKey now = keys.rotate(name);
                spec.commandLine().getOut().printf("Signing key %s: %s retired, %s current.%n", name, before, now.keyId());
                return 0;
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("charte vault rotate-signing-key: " + Rotate.rootMessage(e));
                return 1;
            }
        }
    }
}
