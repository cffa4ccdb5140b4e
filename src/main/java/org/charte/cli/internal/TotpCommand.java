package org.charte.cli.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.charte.access.AccessException;
import org.charte.access.StaffDirectory;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "totp", mixinStandardHelpOptions = true,
        description = {"Prints the current second-factor code of a demo staff account.",
                "Refuses any account that is not a demo account."})
public class TotpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "LOGIN", description = "A demo login: dpo, adv, support, dev, admin, presta, veille.")
    String login;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the demo database (default: ${DEFAULT-VALUE}).", defaultValue = "./data")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "JDBC_URL", description = "The database, if not the embedded one under --data-dir.")
    @Nullable String databaseUrl;

    @Override
    public Integer call() {
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("charte.data-dir", dataDir.toString(),
                "charte.vault.generate-master-key", "false"));
        if (databaseUrl != null) {
            properties.put("spring.datasource.url", databaseUrl);
        }
        try (var context = Application.startWithoutWeb(properties)) {
            spec.commandLine().getOut().println(context.getBean(StaffDirectory.class).demoCode(login));
            return 0;
        } catch (AccessException e) {
            spec.commandLine().getErr().println("charte totp: " + e.getMessage());
            return 1;
        }
    }
}
