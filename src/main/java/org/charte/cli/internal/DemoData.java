package org.charte.cli.internal;

import java.io.PrintStream;
import java.util.List;
import org.charte.access.StaffDirectory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo's fictitious people, loaded on the first start of {@code charte demo} and kept after;
 * then the address and the staff logins are printed.
 */
@Component
@Profile("demo")
class DemoData {

    /** Fictitious staff, one per role of the policy. Demo only: never use these passwords. */
    static final String PASSWORD = "demo-charte-2026";
    static final List<String[]> STAFF = List.of(
            new String[] {"dpo", "Claire Martin", "dpo"},
            new String[] {"adv", "Julien Moreau", "adv"},
            new String[] {"support", "Sophie Lefèvre", "cloud-support"},
            new String[] {"dev", "Thomas Girard", "development"},
            new String[] {"admin", "Nadia Benali", "administrator"});

    private final StaffDirectory staff;
    private final Environment environment;

    DemoData(StaffDirectory staff, Environment environment) {
        this.staff = staff;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        boolean first = staff.count() == 0;
        if (first) {
            STAFF.forEach(s -> staff.create(s[0], s[1], s[2], PASSWORD));
        }
        PrintStream out = System.out;
        String url = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        out.println();
        out.println("Charte demo is running" + (first ? " (demo data loaded)" : " (demo data kept from the last run)") + ":");
        out.println("  privacy policy   " + url + "/politique-de-confidentialite   (English: " + url + "/en/privacy-policy)");
        out.println("  Art. 30 register " + url + "/registre-des-traitements");
        out.println("  back office      " + url + "/backoffice");
        out.println("  staff logins (password " + PASSWORD + "): "
                + String.join(", ", STAFF.stream().map(s -> s[0] + " (" + s[2] + ")").toList()));
        out.println("Stop with Ctrl-C; './charte demo --reset' starts afresh.");
    }
}
