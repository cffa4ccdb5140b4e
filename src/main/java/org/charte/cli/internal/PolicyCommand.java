package org.charte.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.charte.common.Zones;
import org.charte.policy.InvalidPolicyException;
import org.charte.policy.LintFinding;
import org.charte.policy.Policy;
import org.charte.policy.PolicyDocuments;
import org.charte.policy.PolicyLint;
import org.charte.policy.PolicyLoader;
import org.charte.policy.PolicyVersion;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Checks a policy file, compares it with the law, renders its texts.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Lint.class, PolicyCommand.Render.class})
public class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code charte policy} alone is a usage error: it needs a sub-command. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("charte policy: missing sub-command (check, lint or render)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    static Policy load(@Nullable Path file) {
        return file == null ? PolicyLoader.loadDefault() : PolicyLoader.load(file);
    }

    static int refuse(CommandSpec spec, InvalidPolicyException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 1;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates a policy file; prints every problem with its line, exit code 1 if any.")
    static class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The policy file (YAML, format charte-policy/1).")
        Path file;

        @Override
        public Integer call() {
            try {
                Policy policy = PolicyLoader.load(file);
                spec.commandLine().getOut().printf("%s: valid policy, version %s of %s: %d data categories, %d purposes, %d retention rules, %d roles.%n",
                        file, policy.version(), policy.effectiveDate(), policy.dataCategories().size(),
                        policy.purposes().size(), policy.retentionRules().size(), policy.roles().size());
                return 0;
            } catch (InvalidPolicyException e) {
                return refuse(spec, e);
            }
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = {"Compares the policy with the law in force (GDPR, CNIL guidance, French law)",
                    "and prints each point where the policy is weaker, with the stricter rule Charte applies."})
    static class Lint implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--file", paramLabel = "FILE", description = "Policy file (default: the shipped Gestan Cloud v1.3 policy).")
        @Nullable Path file;

        @Option(names = "--as-of", paramLabel = "DATE", description = "Judge against the law in force on this day, YYYY-MM-DD (default: today).")
        @Nullable LocalDate asOf;

        @Option(names = "--strict", description = "Exit with code 3 when there is any finding.")
        boolean strict;

        @Override
        public Integer call() {
            Policy policy;
            try {
                policy = load(file);
            } catch (InvalidPolicyException e) {
                return refuse(spec, e);
            }
            LocalDate day = asOf != null ? asOf : LocalDate.now(Clock.system(Zones.PARIS));
            List<LintFinding> findings = PolicyLint.lint(policy, day);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Policy %s (version %s of %s) against the law in force on %s: %d finding(s).%n",
                    file == null ? PolicyLoader.DEFAULT_RESOURCE : file, policy.version(), policy.effectiveDate(), day, findings.size());
            for (LintFinding f : findings) {
                out.println();
                out.println(f.law() + "  " + f.clause());
                out.println("    rule:    " + f.rule());
                out.println("    source:  " + f.source());
                out.println("    fix:     " + f.fix());
                out.println("    charte:  " + f.stricterRule());
            }
            return strict && !findings.isEmpty() ? 3 : 0;
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Writes the privacy policy (FR, EN) and the Art. 30 register (FR, EN) as HTML files.")
    static class Render implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--file", paramLabel = "FILE", description = "Policy file (default: the shipped Gestan Cloud v1.3 policy).")
        @Nullable Path file;

        @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).", defaultValue = "./policy-texts")
        Path out;

        @Override
        public Integer call() throws IOException {
            Policy policy;
            try {
                policy = load(file);
            } catch (InvalidPolicyException e) {
                return refuse(spec, e);
            }
            // Outside the server there is no stored version: the file's hash names it.
            PolicyVersion version = new PolicyVersion(UUID.nameUUIDFromBytes(policy.contentSha256().getBytes(StandardCharsets.US_ASCII)),
                    policy.version(), policy.effectiveDate(), policy.contentSha256(), Instant.EPOCH, Instant.EPOCH);
            Files.createDirectories(out);
            write(policy, version, PolicyDocuments.Document.PRIVACY_POLICY, Locale.FRENCH, "politique-de-confidentialite.html");
            write(policy, version, PolicyDocuments.Document.PRIVACY_POLICY, Locale.ENGLISH, "privacy-policy.html");
            write(policy, version, PolicyDocuments.Document.REGISTER, Locale.FRENCH, "registre-des-traitements.html");
            write(policy, version, PolicyDocuments.Document.REGISTER, Locale.ENGLISH, "record-of-processing-activities.html");
            return 0;
        }

        private void write(Policy policy, PolicyVersion version, PolicyDocuments.Document document, Locale locale, String name) throws IOException {
            Path target = out.resolve(name);
            Files.writeString(target, PolicyDocuments.renderStandalone(policy, version, document, locale), StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("wrote " + target);
        }
    }
}
