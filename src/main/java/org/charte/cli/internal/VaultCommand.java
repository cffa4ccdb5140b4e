package org.charte.cli.internal;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.charte.vault.KeyRotation;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Manages the vault that encrypts every person's data.",
        subcommands = {VaultCommand.Rotate.class})
public class VaultCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("charte vault: missing sub-command (rotate)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Rewraps every data key under a new master key, without touching the encrypted data.",
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

        private static String rootMessage(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
    }
}
