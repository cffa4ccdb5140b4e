package org.charte.rights.internal;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.bench.BenchDatabase;
import org.charte.commerce.DeliveryAddress;
import org.charte.commerce.Invoice;
import org.charte.commerce.Invoices;
import org.charte.commerce.Litigations;
import org.charte.commerce.Order;
import org.charte.commerce.Orders;
import org.charte.commerce.Payment;
import org.charte.commerce.Subscriptions;
import org.charte.commerce.SyntheticCommerce;
import org.charte.common.Ids;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.subjects.SyntheticSubjects;
import org.charte.support.Channel;
import org.charte.support.Ticket;
import org.charte.support.Tickets;
import org.charte.support.SyntheticSupport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run access-export}: among N people (1,000,000 by default, written as
 * {@code charte generate} writes them), one person with about 1,000 records (orders with their
 * lines and deliveries, invoices, payments, litigations, tickets with their messages), recorded
 * through the modules' public APIs; then, iteration by iteration, that person's access answer as
 * {@link AccessFulfilment} produces it (the file read through the decision point, audited; the
 * HTML report; the PDF), beside plain SQL reads of the same rows. See bench/README.md.
 *
 * <pre>AccessExportBenchmark --pg-url=jdbc:postgresql://HOST:PORT/postgres?user=postgres [--subjects=1000000] [--records=1000]
 *     [--warmup=10] [--iterations=50] [--deadline=3600] [--result=FILE.json] [--save=DIR]</pre>
 * {@code --save} keeps the last report measured (access-report.html and .pdf) in DIR, to read or to profile.
 */
public class AccessExportBenchmark {

    record Options(String adminUrl, int subjects, int records, int warmup, int iterations, int deadlineSeconds, Path result, Path save) {}

    /** The baseline: the same rows read with plain SQL, every column fetched, nothing opened nor rendered. */
    static final List<String> READS = List.of(
            "SELECT * FROM data_subject WHERE id = ?",
            "SELECT * FROM client_account WHERE subject_id = ?",
            "SELECT * FROM subscription WHERE subject_id = ? ORDER BY id",
            "SELECT * FROM customer_order WHERE subject_id = ? ORDER BY id",
            "SELECT l.* FROM order_line l JOIN customer_order o ON o.id = l.order_id WHERE o.subject_id = ? ORDER BY l.order_id, l.line_no",
            "SELECT d.* FROM delivery d JOIN customer_order o ON o.id = d.order_id WHERE o.subject_id = ? ORDER BY d.id",
            "SELECT * FROM invoice WHERE subject_id = ? ORDER BY id",
            "SELECT p.* FROM payment p JOIN invoice i ON i.id = p.invoice_id WHERE i.subject_id = ? ORDER BY p.id",
            "SELECT * FROM litigation WHERE subject_id = ? ORDER BY id",
            "SELECT li.* FROM litigation_invoice li JOIN litigation l ON l.id = li.litigation_id WHERE l.subject_id = ?",
            "SELECT * FROM support_ticket WHERE subject_id = ? ORDER BY id",
            "SELECT m.* FROM ticket_message m JOIN support_ticket t ON t.id = m.ticket_id WHERE t.subject_id = ? ORDER BY m.ticket_id, m.id",
            "SELECT * FROM audit_entry WHERE subject_id = ? ORDER BY seq DESC LIMIT " + PersonalFiles.ACCESSES_SHOWN);

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    AccessExportBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("AccessExportBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("AccessExportBenchmark", options.deadlineSeconds(), new AccessExportBenchmark(options)::run);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        String user = BenchDatabase.user(admin);
        report.put("postgresql", BenchDatabase.settings(admin));
        String name = BenchDatabase.newName("charte_bench_access_");
        BenchDatabase.execute(admin, "CREATE DATABASE " + name);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        String url = BenchDatabase.url(admin, name);
        try (ConfigurableApplicationContext context = BenchDatabase.start(url, user, dataDir)) {
            generate(context);
            Person person = person(context);
            try (Connection c = DriverManager.getConnection(url)) {
                c.createStatement().execute("VACUUM ANALYZE");
                c.createStatement().execute("CHECKPOINT");
            }
            measure(context, url, person);
            return 0;
        } finally {
            BenchDatabase.deleteTree(dataDir);
            BenchDatabase.dropQuietly(admin, name);
        }
    }

    /** The crowd, as {@code charte generate} writes it: chunks of 1,000 people with their relationship and tickets. */
    private void generate(ConfigurableApplicationContext context) {
        SyntheticSubjects people = context.getBean(SyntheticSubjects.class);
        SyntheticCommerce commerce = context.getBean(SyntheticCommerce.class);
        SyntheticSupport support = context.getBean(SyntheticSupport.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        Random random = new Random(42);
        int total = options.subjects();
        System.out.printf(Locale.ROOT, "Writing %,d people with their relationship (as charte generate does), by chunks of 1,000%n", total);
        long start = System.nanoTime();
        long lastPrint = start;
        for (int done = 0; done < total; ) {
            int n = Math.min(1000, total - done);
            transaction.executeWithoutResult(status -> {
                List<SyntheticCommerce.Client> clients = new ArrayList<>();
                List<SyntheticSupport.Requester> requesters = new ArrayList<>();
                for (SyntheticSubjects.Generated p : people.generate(random, n)) {
                    boolean client = p.status() != SubjectStatus.PROSPECT;
                    if (client) {
                        clients.add(new SyntheticCommerce.Client(p.id(), p.key(), p.clientSince(), p.contractEndedOn(), p.lastContactOn()));
                    }
                    if (random.nextInt(100) < (client ? 30 : 5)) {
                        requesters.add(new SyntheticSupport.Requester(p.id(), p.key(), client ? p.clientSince() : p.lastContactOn().minusYears(1),
                                p.lastContactOn()));
                    }
                }
                commerce.generate(random, clients);
                support.generate(random, requesters);
            });
            done += n;
            long now = System.nanoTime();
            if (now - lastPrint > 15_000_000_000L || done == total) {
                lastPrint = now;
                double s = (now - start) / 1e9;
                System.out.printf(Locale.ROOT, "  %,d/%,d people written (%.0f s, %,.0f/s)%n", done, total, s, done / s);
            }
        }
        report.put("generationSeconds", (System.nanoTime() - start) / 1e9);
    }

    record Person(UUID id, int records) {}

    /**
     * The person measured, with about {@code --records} records, each recorded through the public
     * API by a member of staff of the ADV (decided and audited, as in production): per 1,000, 2
     * subscriptions, 250 orders of 2 lines, 100 deliveries, 250 invoices, 200 payments, 5
     * litigations, 50 tickets of 3 messages.
     */
    private Person person(ConfigurableApplicationContext context) {
        Subjects subjects = context.getBean(Subjects.class);
        StaffDirectory directory = context.getBean(StaffDirectory.class);
        Commitments commitments = context.getBean(Commitments.class);
        Subscriptions subscriptions = context.getBean(Subscriptions.class);
        Orders orders = context.getBean(Orders.class);
        Invoices invoices = context.getBean(Invoices.class);
        Litigations litigations = context.getBean(Litigations.class);
        Tickets tickets = context.getBean(Tickets.class);
        Clock clock = context.getBean(Clock.class);
        LocalDate today = LocalDate.now(clock);
        long t0 = System.nanoTime();
        var adv = directory.create(new StaffDirectory.NewStaff("bench-adv", "Bench ADV", "adv", "Bench-" + UUID.randomUUID() + "-pass", null, false));
        commitments.sign(adv.id());
        Actor actor = Actor.staff(adv.id());
        UUID id = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "MESURÉE", "Camille Anne", LocalDate.of(1978, 3, 9)),
                new Contacts(List.of(new PostalAddress(List.of("12 rue des Lilas"), "75011", "Paris", "FR")), List.of("camille.mesuree@example.org"),
                        List.of("+33612345678")), "Préfère être contactée le matin"), today);
        // Adding records to a person already recorded needs a grant on them, purpose by purpose, as in production.
        var dpo = directory.create(new StaffDirectory.NewStaff("bench-dpo", "Bench DPO", "dpo", "Bench-" + UUID.randomUUID() + "-pass", null, false));
        Grants grants = context.getBean(Grants.class);
        Map<String, Set<String>> purposes = Map.of("subscription-contract", Set.of("subscriptions", "identity"), "orders", Set.of("orders"),
                "deliveries", Set.of("orders", "contact"), "billing", Set.of("billing"), "unpaid-litigation", Set.of("billing"),
                "customer-service", Set.of("support-requests"));
        purposes.forEach((purpose, categories) -> grants.grantIndividual(adv.id(), purpose, categories, List.of(ResourceRef.subject(id)),
                clock.instant().plus(Duration.ofDays(1)), "bench: the person measured", dpo.id()));
        double scale = options.records() / 1000.0;
        int subs = Math.max(1, (int) Math.round(2 * scale));
        int orderCount = (int) Math.round(250 * scale);
        int deliveries = (int) Math.round(100 * scale);
        int payments = (int) Math.round(200 * scale);
        int litigationCount = (int) Math.round(5 * scale);
        int ticketCount = (int) Math.round(50 * scale);
        for (int i = 0; i < subs; i++) {
            subscriptions.subscribe(actor, id, new Subscriptions.NewSubscription(i == 0 ? "GESTAN-CLOUD-PRO" : "GESTAN-CLOUD-ESSENTIEL", null, null));
        }
        List<Invoice> issued = new ArrayList<>();
        for (int i = 0; i < orderCount; i++) {
            Order order = orders.place(actor, id, new Orders.NewOrder(null, "EUR", List.of(new Orders.NewLine("FORMATION-1J", 1 + i % 3,
                    new BigDecimal("450.00")), new Orders.NewLine("SUPPORT-PREMIUM", 1, new BigDecimal("120.00")))));
            if (i < deliveries) {
                orders.deliver(actor, order.id(), new Orders.NewDelivery(new DeliveryAddress("Camille MESURÉE", "12 rue des Lilas", "Bâtiment B",
                        "75011", "Paris", "FR"), "colissimo", "6A" + (10_000_000 + i)));
            }
            Invoice invoice = invoices.issue(actor, id, new Invoices.NewInvoice(null, today.plusDays(30), order.total(), "EUR", order.id(), null));
            issued.add(invoice);
            if (i < payments) {
                invoices.pay(actor, invoice.id(), new Invoices.NewPayment(invoice.amount(), "EUR", null, Payment.Method.TRANSFER, null, null));
            }
        }
        for (int i = 0; i < litigationCount; i++) {
            litigations.open(actor, id, new Litigations.NewLitigation(null, "Contestation de la facture " + (i + 1),
                    List.of(issued.get(issued.size() - 1 - i).id())));
        }
        for (int i = 0; i < ticketCount; i++) {
            Ticket ticket = tickets.open(actor, id, new Tickets.NewTicket(Channel.EMAIL, "Question " + (i + 1),
                    "Bonjour, ma sauvegarde du mardi " + (i + 1) + " n'apparaît pas dans la liste. Pouvez-vous vérifier ?"));
            tickets.addMessage(actor, ticket.reference(), new Tickets.NewMessage(Ticket.Direction.OUTBOUND, Channel.EMAIL,
                    "Bonjour, nous regardons et revenons vers vous dans la journée."));
            tickets.addMessage(actor, ticket.reference(), new Tickets.NewMessage(Ticket.Direction.INBOUND, Channel.EMAIL,
                    "Merci, c'est réglé de mon côté."));
        }
        PersonalFile file = context.getBean(PersonalFiles.class).read(id);
        int records = file.records() + file.invoices().stream().mapToInt(inv -> inv.payments().size()).sum();
        System.out.printf(Locale.ROOT, "The person measured: %,d records (%d subscriptions, %d orders of 2 lines, %d deliveries, %d invoices, "
                        + "%d payments, %d litigations, %d tickets with %d messages), recorded through the API in %.1f s%n", records,
                file.subscriptions().size(), file.orders().size(), file.deliveries().values().stream().mapToInt(List::size).sum(),
                file.invoices().size(), records - file.records(), file.litigations().size(), file.tickets().size(),
                file.tickets().stream().mapToInt(t -> t.messages().size()).sum(), (System.nanoTime() - t0) / 1e9);
        return new Person(id, records);
    }

    private void measure(ConfigurableApplicationContext context, String url, Person person) throws Exception {
        PersonalFiles files = context.getBean(PersonalFiles.class);
        AccessReports reports = context.getBean(AccessReports.class);
        AccessReportPdf renderer = context.getBean(AccessReportPdf.class);
        Clock clock = context.getBean(Clock.class);
        Ids ids = context.getBean(Ids.class);
        LocalDate today = LocalDate.now(clock);
        RightsRequest request = new RightsRequest(ids.next(), "R-" + today.getYear() + "-000001", RequestType.ACCESS, RequestChannel.WEB, "fr", today,
                clock.instant(), RequestStatus.IN_PROGRESS, person.id(), clock.instant(), RequestClock.receivedOn(today), null, null);
        int total = options.warmup() + options.iterations();
        long[] plain = new long[options.iterations()];
        long[] data = new long[options.iterations()];
        long[] html = new long[options.iterations()];
        long[] pdf = new long[options.iterations()];
        long[] answer = new long[options.iterations()];
        long plainRows = 0;
        int htmlBytes = 0;
        int pdfBytes = 0;
        int accesses = 0;
        String lastPage = null;
        byte[] lastDocument = null;
        System.out.printf(Locale.ROOT, "Measuring: %d warm-up iterations, then %d, each the plain reads and the access answer, alternating "
                + "which goes first%n", options.warmup(), options.iterations());
        try (Connection c = DriverManager.getConnection(url)) {
            List<PreparedStatement> reads = new ArrayList<>();
            for (String sql : READS) {
                reads.add(c.prepareStatement(sql));
            }
            for (int i = 0; i < total; i++) {
                boolean measured = i >= options.warmup();
                int k = i - options.warmup();
                for (int side = 0; side < 2; side++) {
                    boolean charte = (side == 0) == (i % 2 == 0);
                    if (!charte) {
                        long t0 = System.nanoTime();
                        long rows = plainReads(reads, person.id());
                        long t1 = System.nanoTime();
                        if (measured) {
                            plain[k] = t1 - t0;
                            plainRows = rows;
                        }
                    } else {
                        long t0 = System.nanoTime();
                        PersonalFile file = files.read(person.id());
                        long t1 = System.nanoTime();
                        String page = reports.html(request, file, today, Locale.FRENCH);
                        long t2 = System.nanoTime();
                        byte[] document = renderer.render(page);
                        long t3 = System.nanoTime();
                        if (measured) {
                            data[k] = t1 - t0;
                            html[k] = t2 - t0;
                            pdf[k] = t3 - t2;
                            answer[k] = t3 - t0;
                            htmlBytes = AccessReports.bytes(page).length;
                            pdfBytes = document.length;
                            accesses = file.accesses().size();
                            lastPage = page;
                            lastDocument = document;
                        }
                    }
                }
            }
            for (PreparedStatement read : reads) {
                read.close();
            }
        }
        if (options.save() != null && lastPage != null) {
            Files.createDirectories(options.save());
            Files.writeString(options.save().resolve("access-report.html"), lastPage);
            Files.write(options.save().resolve("access-report.pdf"), lastDocument);
        }
        Map<String, Map<String, Double>> stats = new LinkedHashMap<>();
        stats.put("plainSqlReads", stats(plain));
        stats.put("fileRead", stats(data));
        stats.put("dataAndHtml", stats(html));
        stats.put("pdf", stats(pdf));
        stats.put("answer", stats(answer));
        report.put("subjects", options.subjects());
        report.put("records", person.records());
        report.put("plainRows", plainRows);
        report.put("htmlBytes", htmlBytes);
        report.put("pdfBytes", pdfBytes);
        report.put("accessesListed", accesses);
        report.put("warmup", options.warmup());
        report.put("iterations", options.iterations());
        report.put("ms", stats);
        double ratioHtml = stats.get("dataAndHtml").get("p50") / stats.get("plainSqlReads").get("p50");
        double ratioAnswer = stats.get("answer").get("p50") / stats.get("plainSqlReads").get("p50");
        report.put("ratioDataAndHtmlToPlainP50", ratioHtml);
        report.put("ratioAnswerToPlainP50", ratioAnswer);
        Map<?, ?> pg = (Map<?, ?>) report.get("postgresql");
        System.out.println();
        System.out.printf(Locale.ROOT, "Access export on PostgreSQL %s (fsync=%s, synchronous_commit=%s): one person with %,d records among %,d people; "
                        + "%d iterations after %d warm-up%n", pg.get("server_version"), pg.get("fsync"), pg.get("synchronous_commit"), person.records(),
                options.subjects() + 1, options.iterations(), options.warmup());
        System.out.printf(Locale.ROOT, "  ms                                   p50        p90        p99        max%n");
        for (var e : List.of(Map.entry("plain SQL reads (" + plainRows + " rows)", "plainSqlReads"), Map.entry("file read (decided, audited)", "fileRead"),
                Map.entry("report data + HTML", "dataAndHtml"), Map.entry("PDF of that HTML", "pdf"), Map.entry("whole answer (HTML + PDF)", "answer"))) {
            Map<String, Double> s = stats.get(e.getValue());
            System.out.printf(Locale.ROOT, "  %-32s %9.1f  %9.1f  %9.1f  %9.1f%n", e.getKey(), s.get("p50"), s.get("p90"), s.get("p99"), s.get("max"));
        }
        System.out.printf(Locale.ROOT, "  HTML %,d bytes, PDF %,d bytes, %,d accesses listed%n", htmlBytes, pdfBytes, accesses);
        System.out.printf(Locale.ROOT, "  p50 / plain reads: data + HTML %.1f x, whole answer %.1f x%n", ratioHtml, ratioAnswer);
        double p50 = stats.get("answer").get("p50");
        System.out.printf(Locale.ROOT, "  whole answer p50 %.1f ms: target < 250 ms %s (data + HTML alone: %.1f ms)%n", p50, p50 < 250 ? "MET" : "NOT MET",
                stats.get("dataAndHtml").get("p50"));
        if (options.result() != null) {
            JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
        }
    }

    /** Every row of every query, every column fetched as an object; returns the number of rows. */
    private static long plainReads(List<PreparedStatement> reads, UUID subjectId) throws Exception {
        long rows = 0;
        for (PreparedStatement read : reads) {
            read.setObject(1, subjectId);
            try (ResultSet rs = read.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int col = 1; col <= columns; col++) {
                        rs.getObject(col);
                    }
                    rows++;
                }
            }
        }
        return rows;
    }

    private static Map<String, Double> stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("p50", BenchDatabase.percentile(sorted, 0.50) / 1e6);
        s.put("p90", BenchDatabase.percentile(sorted, 0.90) / 1e6);
        s.put("p99", BenchDatabase.percentile(sorted, 0.99) / 1e6);
        s.put("max", sorted[sorted.length - 1] / 1e6);
        return s;
    }

    private static Options parse(String[] args) {
        Map<String, String> a = BenchDatabase.options(args);
        String url = a.remove("pg-url");
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--pg-url=jdbc:postgresql://HOST:PORT/postgres?user=postgres is required");
        }
        Options o = new Options(url, BenchDatabase.integer(a.remove("subjects"), 1_000_000, 0, 10_000_000),
                BenchDatabase.integer(a.remove("records"), 1000, 10, 20_000), BenchDatabase.integer(a.remove("warmup"), 10, 0, 1000),
                BenchDatabase.integer(a.remove("iterations"), 50, 2, 10_000), BenchDatabase.integer(a.remove("deadline"), 3600, 30, 14_400),
                a.containsKey("result") ? Path.of(a.remove("result")) : null, a.containsKey("save") ? Path.of(a.remove("save")) : null);
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
