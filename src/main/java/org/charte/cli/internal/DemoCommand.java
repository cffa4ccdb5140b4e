package org.charte.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs Charte with demo data on the embedded database.",
                "The demo data (fictitious Gestan Cloud prospects, clients and staff) is loaded",
                "on the first start and kept afterwards; --reset starts afresh."})
public class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--reset", description = "Delete the demo database first and start afresh.")
    boolean reset;

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the demo database (default: ${DEFAULT-VALUE}).", defaultValue = "./data")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        if (reset && Files.isDirectory(dataDir)) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            spec.commandLine().getOut().println("Demo data deleted: starting afresh.");
        }
        return ServeCommand.start(spec, Map.of("server.port", port, "charte.data-dir", dataDir.toString(),
                "charte.mail.outbox-page", "true", "charte.cookies.demo-site", "true",
                "charte.public-url", "http://localhost:" + port), List.of("demo"));
    }
}
