package org.charte.cli.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.Subcontractors;
import org.charte.access.Totp;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
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
            new String[] {"admin", "Nadia Benali", "administrator"},
            new String[] {"presta", "Karim Haddad", "support-subcontractor"},
            new String[] {"veille", "Elise Caron", "security-monitoring-subcontractor"});

    static final List<String> LAST_NAMES = List.of("Durand", "Lemoine", "Rousseau", "Fontaine", "Chevalier",
            "Mercier", "Blanchard", "Garnier", "Faure", "Perrin", "Roux", "Marchand", "Lambert", "Bonnet",
            "Gauthier", "Muller", "Henry", "Brunet", "Dumont", "Picard", "Renaud", "Caron", "Aubert", "Masson");
    static final List<String> FIRST_NAMES = List.of("Camille", "Louis", "Manon", "Hugo", "Léa", "Arthur",
            "Chloé", "Jules", "Inès", "Gabriel", "Sarah", "Nathan", "Emma", "Lucas", "Juliette", "Raphaël");
    static final List<String> TOWNS = List.of("75011 Paris", "69003 Lyon", "33000 Bordeaux", "44000 Nantes",
            "31000 Toulouse", "59000 Lille", "67000 Strasbourg", "13006 Marseille", "35000 Rennes", "21000 Dijon");
    static final List<String> STREETS = List.of("rue de la République", "avenue Jean Jaurès", "boulevard Voltaire",
            "rue des Lilas", "place du Marché", "rue Pasteur", "allée des Tilleuls", "quai de la Loire");
    static final List<String> NOTES = List.of("Préfère être contacté le matin.", "Cabinet comptable de 4 personnes.",
            "A demandé une démonstration de Gestan Cloud.", "Intéressé par le module de paie.", "Rappeler après le 15.");
    static final Map<SubjectStatus, Integer> HOW_MANY = Map.of(
            SubjectStatus.PROSPECT, 14, SubjectStatus.CLIENT_ACTIVE, 16, SubjectStatus.CLIENT_INACTIVE, 8);

    private final StaffDirectory staff;
    private final Subcontractors subcontractors;
    private final Grants grants;
    private final Subjects subjects;
    private final Environment environment;
    private final Clock clock;

    DemoData(StaffDirectory staff, Subcontractors subcontractors, Grants grants, Subjects subjects, Environment environment, Clock clock) {
        this.staff = staff;
        this.grants = grants;
        this.subcontractors = subcontractors;
        this.subjects = subjects;
        this.environment = environment;
        this.clock = clock;
    }

    /** Loads the demo data if this database has none; true when it did. */
    boolean loadOnce() {
        if (staff.count() > 0) {
            return false;
        }
        var support = subcontractors.register("Assistance Gestan Plus", "support-subcontractor");
        subcontractors.recordContract(support.id(), LocalDate.now(clock).minusYears(1), LocalDate.now(clock).plusYears(2), true);
        subcontractors.recordAssessment(support.id(), LocalDate.now(clock).minusMonths(3));
        var monitoring = subcontractors.register("VeilleSécu Cloud", "security-monitoring-subcontractor");
        subcontractors.recordContract(monitoring.id(), LocalDate.now(clock).minusMonths(6), null, true);
        for (String[] s : STAFF) {
            UUID company = s[2].equals("support-subcontractor") ? support.id()
                    : s[2].equals("security-monitoring-subcontractor") ? monitoring.id() : null;
            staff.create(new StaffDirectory.NewStaff(s[0], s[1], s[2], PASSWORD, company, true));
            staff.enrolDemo(s[0], Totp.newSecret());
        }
        List<UUID> clients = new ArrayList<>();
        Random random = new Random(2026); // the same fictitious people on every fresh start
        LocalDate today = LocalDate.now(clock);
        int n = 0;
        for (SubjectStatus status : SubjectStatus.values()) {
            for (int i = 0; i < HOW_MANY.get(status); i++, n++) {
                String last = LAST_NAMES.get(n % LAST_NAMES.size());
                String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
                boolean woman = random.nextBoolean();
                String email = (first + "." + last).toLowerCase(Locale.ROOT)
                        .replace('é', 'e').replace('è', 'e').replace('ë', 'e').replace('ï', 'i') + "@exemple.fr";
                Identity identity = new Identity(woman ? "Mme" : "M.", last.toUpperCase(Locale.ROOT), first,
                        today.minusYears(25 + random.nextInt(40)).minusDays(random.nextInt(365)));
                String[] town = TOWNS.get(random.nextInt(TOWNS.size())).split(" ", 2);
                List<String> lines = random.nextInt(4) == 0
                        ? List.of((1 + random.nextInt(120)) + " " + STREETS.get(random.nextInt(STREETS.size())), "Bâtiment " + (char) ('A' + random.nextInt(4)))
                        : List.of((1 + random.nextInt(120)) + " " + STREETS.get(random.nextInt(STREETS.size())));
                List<String> emails = random.nextInt(5) == 0 ? List.of(email, first.substring(0, 1).toLowerCase(Locale.ROOT)
                        + "." + email.substring(email.indexOf('.') + 1).replace("@exemple.fr", "@exemple.com")) : List.of(email);
                // Written as people type them; stored in E.164 (+33612345678).
                String mobile = String.format("06 %02d %02d %02d %02d", 10 + random.nextInt(20), random.nextInt(100), random.nextInt(100), random.nextInt(100));
                List<String> phones = random.nextInt(3) == 0
                        ? List.of(mobile, String.format("0%d %02d %02d %02d %02d", 1 + random.nextInt(5), 10 + random.nextInt(90),
                                random.nextInt(100), random.nextInt(100), random.nextInt(100)))
                        : List.of(mobile);
                PersonalData data = new PersonalData(identity,
                        new Contacts(List.of(new PostalAddress(lines, town[0], town[1], "FR")), emails, phones),
                        random.nextInt(4) == 0 ? NOTES.get(random.nextInt(NOTES.size())) : null);
                LocalDate lastContact = switch (status) {
                    case PROSPECT -> today.minusDays(random.nextInt(4 * 365)); // some past the 3-year limit
                    case CLIENT_ACTIVE -> today.minusDays(random.nextInt(90));
                    case CLIENT_INACTIVE -> today.minusDays(365 + random.nextInt(11 * 365));
                };
                UUID id = subjects.register(status, data, lastContact);
                if (status == SubjectStatus.CLIENT_ACTIVE) {
                    clients.add(id);
                }
            }
        }
        // A few grants, so that "my access" and the grants page have something to show.
        var dpo = staff.find("dpo").orElseThrow();
        var now = clock.instant();
        // Adding an order, an invoice or a ticket message to a person already recorded needs a grant as reading them does.
        List<ResourceRef> followed = clients.subList(0, 5).stream().map(ResourceRef::subject).toList();
        UUID adv = staff.find("adv").orElseThrow().id();
        grants.grantIndividual(adv, "customer-service", Set.of("identity", "contact", "support-requests"), followed,
                now.plus(Duration.ofDays(30)), "demo: follow-up of five client accounts", dpo.id());
        grants.grantIndividual(adv, "orders", Set.of("orders"), followed, now.plus(Duration.ofDays(30)),
                "demo: orders of five client accounts", dpo.id());
        grants.grantIndividual(adv, "billing", Set.of("billing"), followed, now.plus(Duration.ofDays(30)),
                "demo: invoices of five client accounts", dpo.id());
        grants.grantIndividual(staff.find("support").orElseThrow().id(), "customer-service", Set.of("identity", "contact", "support-requests"),
                followed, now.plus(Duration.ofDays(30)), "demo: support requests of five client accounts", dpo.id());
        // Support subcontractors get access only from a real ticket: open one in the back office or the API.
        return true;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        boolean loaded = loadOnce();
        PrintStream out = System.out;
        String url = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        Map<SubjectStatus, Long> counts = subjects.countByStatus();
        out.println();
        out.println("Charte demo is running" + (loaded ? " (demo data loaded)" : " (demo data kept from the last run)") + ": "
                + counts.get(SubjectStatus.PROSPECT) + " prospects, " + counts.get(SubjectStatus.CLIENT_ACTIVE)
                + " active and " + counts.get(SubjectStatus.CLIENT_INACTIVE) + " inactive clients, all fictitious.");
        out.println("  privacy policy   " + url + "/politique-de-confidentialite   (English: " + url + "/en/privacy-policy)");
        out.println("  Art. 30 register " + url + "/registre-des-traitements");
        out.println("  back office      " + url + "/backoffice");
        out.println("  staff logins, password " + PASSWORD + ", then a TOTP code (add the key to an authenticator app,");
        out.println("  or print the current code with: ./charte totp LOGIN):");
        for (String[] s : STAFF) {
            out.printf("    %-8s %-34s key %s%n", s[0], s[2], staff.demoSecret(s[0]));
        }
        out.println("Stop with Ctrl-C; './charte demo --reset' starts afresh.");
    }
}
