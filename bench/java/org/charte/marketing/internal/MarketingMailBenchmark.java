package org.charte.marketing.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.charte.bench.BenchDatabase;
import org.charte.marketing.MarketingMail;
import org.charte.policy.MarketingChannel;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marketing mails on PostgreSQL into an SMTP server (run by {@code bench/run marketing-mail}, not a
 * test; see bench/README.md).
 *
 * <ol>
 * <li>Starts GreenMail (SMTP on a free loopback port) in this JVM, creates a database on the cluster
 * named by {@code --pg-url} and starts the real application on it without web, its mail sender
 * pointed at GreenMail ({@code spring.mail.host}, {@code spring.mail.port}).</li>
 * <li>Makes {@code --mails} people who consented to newsletters by e-mail, through the real code
 * (untimed).</li>
 * <li><b>Charte</b>: {@code --threads} callers, each mail in a transaction of its own:
 * {@link MarketingMail#queue} (may this person be solicited today, is the address suppressed, the
 * signed unsubscribe link, the RFC 8058 headers and the footer, sealed into the outbox), commit,
 * and the outbox's sender (after the commit, on the caller's thread: claim, open, SMTP, erase).
 * Timed from the first queue until GreenMail received every mail.</li>
 * <li><b>raw Jakarta Mail</b>, the baseline: the same messages as GreenMail received them
 * (recipient, subject, body, List-Unsubscribe headers), sent again by the same number of threads
 * with {@code Transport.send} (a connection per mail, as Spring's sender does for one mail), no
 * database. Timed the same way.</li>
 * </ol>
 * Warm-up: {@code --warmup} mails through each path first. Checks: every mail arrived with its
 * List-Unsubscribe and List-Unsubscribe-Post headers, and the outbox marks them all sent.
 *
 * <pre>MarketingMailBenchmark --pg-url=... [--mails=5000] [--threads=8] [--warmup=500] [--target=300] [--deadline=900] [--result=FILE]</pre>
 */
public final class MarketingMailBenchmark {

    record Options(String adminUrl, int mails, int threads, int warmup, double target, int deadlineSeconds, Path result) {}

    /** A mail as GreenMail received it: what the baseline sends again. */
    record Sent(String recipient, String subject, String body, String listUnsubscribe, String listUnsubscribePost) {}

    interface Send {
        void send(int i) throws Exception;
    }

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    private MarketingMailBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("MarketingMailBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("MarketingMailBenchmark", options.deadlineSeconds(), new MarketingMailBenchmark(options)::run);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        report.put("postgresql", BenchDatabase.settings(admin));
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        String name = BenchDatabase.newName("charte_bench_mail_");
        BenchDatabase.execute(admin, "CREATE DATABASE " + name);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        int port = greenMail.getSmtp().getPort();
        try (ConfigurableApplicationContext context = BenchDatabase.start(BenchDatabase.url(admin, name), BenchDatabase.user(admin), dataDir,
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port, "--charte.public-url=https://charte.example.org",
                "--charte.mail.from=news@example.org")) {
            return measure(context, greenMail, port);
        } finally {
            greenMail.stop();
            BenchDatabase.deleteTree(dataDir);
            BenchDatabase.dropQuietly(admin, name);
        }
    }

    private int measure(ConfigurableApplicationContext context, GreenMail greenMail, int port) throws Exception {
        System.out.printf(Locale.ROOT, "GreenMail SMTP on 127.0.0.1:%d; %,d mails, %d threads%n", port, options.mails(), options.threads());
        report.put("mails", options.mails());
        report.put("threads", options.threads());
        List<ConsentingPeople.Person> people = ConsentingPeople.make(context, options.mails(), MarketingChannel.EMAIL, 8);
        MarketingMail mails = context.getBean(MarketingMail.class);
        TransactionTemplate tx = context.getBean(TransactionTemplate.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Send charte = i -> {
            ConsentingPeople.Person p = people.get(i);
            boolean queued = Boolean.TRUE.equals(tx.execute(s -> mails.queue(p.id(), ConsentingPeople.PURPOSE, p.email(), Locale.FRENCH,
                    "Nos nouveautés de décembre", "Bonjour,\n\nVoici nos nouveautés de décembre : des offres, des conseils et un agenda.\n").isPresent()));
            if (!queued) {
                throw new IllegalStateException("a consenting person's mail was not queued");
            }
        };
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(props);
        List<Sent> messages = new ArrayList<>();
        Send raw = i -> {
            Sent m = messages.get(i % messages.size());
            MimeMessage message = new MimeMessage(session);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(m.recipient()));
            message.setFrom(new InternetAddress("news@example.org"));
            message.setSubject(m.subject(), "UTF-8");
            message.setText(m.body(), "UTF-8");
            message.setHeader(MarketingMailer.LIST_UNSUBSCRIBE, m.listUnsubscribe());
            message.setHeader(MarketingMailer.LIST_UNSUBSCRIBE_POST, m.listUnsubscribePost());
            Transport.send(message);
        };

        int warm = Math.min(options.warmup(), people.size());
        jdbc.sql("CHECKPOINT").update();
        double warmCharte = phase(greenMail, warm, charte);
        messages.addAll(received(greenMail));
        double warmRaw = phase(greenMail, warm, raw);
        System.out.printf(Locale.ROOT, "warm-up: %,d mails through Charte (%.0f/s), %,d raw (%.0f/s)%n", warm, warm / warmCharte, warm, warm / warmRaw);
        jdbc.sql("CHECKPOINT").update();

        CpuMeter cpu = CpuMeter.of(jdbc);
        CpuMeter.Sample beforeCharte = cpu.now();
        double charteSeconds = phase(greenMail, people.size(), charte);
        CpuMeter.Sample afterCharte = cpu.now();
        List<Sent> charteReceived = received(greenMail);
        long withHeaders = charteReceived.stream().filter(s -> s.listUnsubscribe().startsWith("<https://charte.example.org/u/")
                && s.listUnsubscribePost().equals(MarketingMailer.ONE_CLICK)).count();
        messages.clear();
        messages.addAll(charteReceived);
        CpuMeter.Sample beforeRaw = cpu.now();
        double rawSeconds = phase(greenMail, people.size(), raw);
        CpuMeter.Sample afterRaw = cpu.now();
        long rawReceived = greenMail.getReceivedMessages().length;
        long sent = jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL").query(Long.class).single();
        long expectedSent = warm + people.size();

        double charteRate = people.size() / charteSeconds;
        double rawRate = people.size() / rawSeconds;
        System.out.printf(Locale.ROOT, "%n                                     mails    seconds    mails/s%n");
        System.out.printf(Locale.ROOT, "  Charte MarketingMail + outbox   %8d %10.2f %10.0f%n", charteReceived.size(), charteSeconds, charteRate);
        System.out.printf(Locale.ROOT, "  raw Jakarta Mail Transport.send %8d %10.2f %10.0f%n", rawReceived, rawSeconds, rawRate);
        System.out.printf(Locale.ROOT, "  Charte / raw: %.3f%n", charteRate / rawRate);
        // CPU per mail (this JVM, GreenMail included, and every PostgreSQL process): what other processes' load moves least
        System.out.println(CpuMeter.line("mail, Charte", beforeCharte, afterCharte, people.size()));
        System.out.println(CpuMeter.line("mail, raw Jakarta Mail", beforeRaw, afterRaw, people.size()));
        report.put("cpuPerMail", Map.of("charte", CpuMeter.json(beforeCharte, afterCharte, people.size()), "raw",
                CpuMeter.json(beforeRaw, afterRaw, people.size())));
        boolean met = charteRate >= options.target();
        System.out.printf(Locale.ROOT, "  Charte %.0f mails/s: target >= %.0f mails/s %s%n", charteRate, options.target(), met ? "MET" : "NOT MET");
        boolean ok = charteReceived.size() == people.size() && withHeaders == people.size() && rawReceived == people.size() && sent == expectedSent;
        System.out.printf(Locale.ROOT, "  checks: %,d received with List-Unsubscribe (https) and List-Unsubscribe-Post One-Click of %,d; outbox sent %,d of %,d: %s%n",
                withHeaders, people.size(), sent, expectedSent, ok ? "ok" : "MISMATCH");

        report.put("charte", Map.of("mails", charteReceived.size(), "seconds", charteSeconds, "perSecond", charteRate));
        report.put("raw", Map.of("mails", rawReceived, "seconds", rawSeconds, "perSecond", rawRate));
        report.put("ratio", charteRate / rawRate);
        report.put("target", Map.of("perSecond", options.target(), "met", met));
        report.put("checksPassed", ok);
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
        return ok ? 0 : 1;
    }

    /** Sends mails 0..count-1 with the threads; the seconds until GreenMail received them all (it is emptied first). */
    private double phase(GreenMail greenMail, int count, Send send) throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        AtomicLong next = new AtomicLong();
        LongAdder failures = new LongAdder();
        CountDownLatch done = new CountDownLatch(options.threads());
        long start = System.nanoTime();
        for (int t = 0; t < options.threads(); t++) {
            Thread.ofPlatform().name("bench-mail-" + t).start(() -> {
                try {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        try {
                            send.send((int) i);
                        } catch (Exception e) {
                            if (failures.sum() == 0) {
                                e.printStackTrace();
                            }
                            failures.increment();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long until = System.nanoTime() + 60_000_000_000L;
        while (greenMail.getReceivedMessages().length < count - failures.sum() && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.sum() > 0) {
            System.out.println("  " + failures.sum() + " sends failed");
        }
        return seconds;
    }

    private static List<Sent> received(GreenMail greenMail) throws Exception {
        List<Sent> all = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            all.add(new Sent(m.getAllRecipients()[0].toString(), m.getSubject(), m.getContent().toString(),
                    String.valueOf(m.getHeader(MarketingMailer.LIST_UNSUBSCRIBE, null)), String.valueOf(m.getHeader(MarketingMailer.LIST_UNSUBSCRIBE_POST, null))));
        }
        return all;
    }

    static Options parse(String[] args) {
        Map<String, String> a = BenchDatabase.options(args);
        String url = a.remove("pg-url");
        if (url == null) {
            throw new IllegalArgumentException("--pg-url is required");
        }
        Options o = new Options(url, BenchDatabase.integer(a.remove("mails"), 5_000, 10, 1_000_000),
                BenchDatabase.integer(a.remove("threads"), 8, 1, 150), BenchDatabase.integer(a.remove("warmup"), 500, 0, 100_000),
                Double.parseDouble(a.getOrDefault("target", "300")), BenchDatabase.integer(a.remove("deadline"), 900, 30, 14_400),
                Path.of(a.getOrDefault("result", "bench/results/marketing-mail.json")));
        a.remove("target");
        a.remove("result");
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
