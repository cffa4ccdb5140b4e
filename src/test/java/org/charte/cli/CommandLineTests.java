package org.charte.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.charte.testing.PolicyFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.charte.cli.internal.CharteCommand;

class CommandLineTests {

    record Run(int code, String out, String err) {}

    static Run charte(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CharteCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @DisplayName("--help lists every sub-command, and each sub-command has its own --help")
    void help() {
        Run help = charte("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: charte").contains("serve").contains("demo").contains("policy");
        for (String[] command : new String[][] {{"serve", "--help"}, {"demo", "--help"}, {"policy", "--help"},
                {"policy", "check", "--help"}, {"policy", "lint", "--help"}, {"policy", "render", "--help"}}) {
            Run run = charte(command);
            assertThat(run.code()).as(String.join(" ", command)).isZero();
            assertThat(run.out()).as(String.join(" ", command)).contains("Usage: charte " + command[0]);
        }
        assertThat(charte("demo", "--help").out()).contains("--reset");
    }

    @Test
    @DisplayName("unknown arguments print the usage and exit 2")
    void unknownArguments() {
        Run run = charte("serve", "--colour", "blue");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option").contains("Usage: charte serve");
        Run unknown = charte("xyzzy"); // a word like no command (a near miss, e.g. "launch" for "audit", gets a suggestion instead)
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Usage: charte");
        Run bare = charte("policy");
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("missing sub-command");
    }

    @Test
    @DisplayName("R1.1 R1.2 policy check accepts the shipped file and refuses a broken one with file, line and problem")
    void check(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, PolicyFixtures.shipped(), StandardCharsets.UTF_8);
        Run ok = charte("policy", "check", good.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("valid policy, version 1.3 of 2027-01-15").contains("18 purposes").contains("7 retention rules");

        Path broken = dir.resolve("broken.yaml");
        String text = PolicyFixtures.with("    legalBasis: consent\n    label: {fr: \"Gestion des abonnements", "    label: {fr: \"Gestion des abonnements");
        Files.writeString(broken, text, StandardCharsets.UTF_8);
        Run refused = charte("policy", "check", broken.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains(broken + ":" + PolicyFixtures.lineOf(text, "  - id: newsletters") + ": purpose 'newsletters' has no legal basis");
        assertThat(refused.err()).doesNotContain("Exception").doesNotContain("\tat ");

        Run missing = charte("policy", "check", dir.resolve("nowhere.yaml").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nowhere.yaml: no such file");
    }

    @Test
    @DisplayName("L10 L2 L4 L5 L9 policy lint prints each finding of the published 1.2 with clause, rule, source and fix (L4: its 10 years "
            + "for former clients); the default 1.3 has none")
    void lint(@TempDir Path dir) throws IOException {
        Path v12 = dir.resolve("gestan-cloud-1.2.yaml");
        Files.writeString(v12, PolicyFixtures.v12(), StandardCharsets.UTF_8);
        Run run = charte("policy", "lint", "--file", v12.toString(), "--as-of", "2026-11-26");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("9 finding(s)").contains("L9  §9.2").contains("L8  §")
                .contains("L2  §9.2").contains("L4  §5").contains("L5  §9.1").contains("10 years")
                .contains("rule:").contains("source:").contains("fix:").contains("charte:");
        assertThat(charte("policy", "lint", "--file", v12.toString(), "--as-of", "2026-08-01").out()).doesNotContain("L2  §9.2");
        assertThat(charte("policy", "lint", "--file", v12.toString(), "--strict").code()).isEqualTo(3);
        Run corrected = charte("policy", "lint", "--as-of", "2026-12-03", "--strict");
        assertThat(corrected.code()).as(corrected.out()).isZero();
        assertThat(corrected.out()).contains("version 1.3 of 2027-01-15").contains("0 finding(s)");
        Run bad = charte("policy", "lint", "--as-of", "26/11/2026");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--as-of");
    }

    @Test
    @DisplayName("R1.1 policy render writes the policy (FR, EN) and the register (FR, EN) from the file")
    void render(@TempDir Path dir) throws IOException {
        Run run = charte("policy", "render", "--out", dir.toString());
        assertThat(run.code()).as(run.err()).isZero();
        String french = Files.readString(dir.resolve("politique-de-confidentialite.html"));
        assertThat(french).contains("Réalisation d&#39;enquêtes de satisfaction").contains("pendant 3 ans")
                .contains("<style>").doesNotContain("??");
        assertThat(Files.readString(dir.resolve("privacy-policy.html"))).contains("Running satisfaction surveys");
        assertThat(Files.readString(dir.resolve("registre-des-traitements.html"))).contains("Base légale");
        assertThat(Files.readString(dir.resolve("record-of-processing-activities.html"))).contains("Legal basis");
    }

    @Test
    @DisplayName("R1.2 serve refuses to start on a broken policy file: the validator's message, exit 1, no stack trace")
    void serveRefusesBrokenPolicy(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, PolicyFixtures.with("    type: authority", "    type: partner"), StandardCharsets.UTF_8);
        Run run = charte("serve", "--policy", broken.toString(), "--data-dir", dir.toString(), "--public-url", "https://privacy.example.org");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("the policy file cannot be used").contains("commercial partner")
                .doesNotContain("Exception");
    }

    @Test
    @DisplayName("serve on a port already in use says so and exits 1")
    void portInUse(@TempDir Path dir) throws IOException {
        try (ServerSocket busy = new ServerSocket(0)) {
            Run run = charte("serve", "--port", String.valueOf(busy.getLocalPort()), "--data-dir", dir.toString(),
                    "--public-url", "http://127.0.0.1:" + busy.getLocalPort());
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("port " + busy.getLocalPort() + " is already in use");
        }
    }

    @Test
    @DisplayName("R8.5 R9.4 serve refuses to start without the public URL its mails' links need, naming the option, the variable and the property")
    void serveNeedsAPublicUrl(@TempDir Path dir) {
        Assumptions.assumeTrue(System.getenv("CHARTE_PUBLIC_URL") == null && System.getProperty("charte.public-url") == null);
        Run run = charte("serve", "--data-dir", dir.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("--public-url", "CHARTE_PUBLIC_URL", "charte.public-url").doesNotContain("Exception");
        assertThat(dir.resolve("charte.mv.db")).as("nothing started").doesNotExist();
        Run bad = charte("serve", "--data-dir", dir.toString(), "--public-url", "privacy.example.org");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("absolute http or https address");
    }

    @Test
    @DisplayName("a command that cannot open its database says so in one line, exit 1, no stack trace")
    void databaseUnreachable(@TempDir Path dir) {
        Run run = charte("totp", "adv", "--data-dir", dir.toString(), "--database-url", "jdbc:h2:tcp://127.0.0.1:1/nowhere");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("charte: cannot open the database: ").doesNotContain("Exception").doesNotContain("bean");
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
