package org.charte.mail.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.charte.bench.BenchDatabase;
import org.charte.mail.MarketingSms;
import org.charte.mail.Passage;
import org.charte.mail.TextMessages;
import org.charte.testing.SmscServer;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marketing SMS on PostgreSQL over SMPP 3.4 (run by {@code bench/run sms}, not a test; see
 * bench/README.md).
 *
 * <ol>
 * <li>Starts the test SMSC ({@link SmscServer}, jSMPP's server side on a free loopback port) in
 * this JVM, creates a database on the cluster named by {@code --pg-url} and starts the real
 * application on it without web, its SMS gateway bound to that SMSC ({@code charte.sms.*}).</li>
 * <li><b>Charte</b>: {@code --threads} callers, each SMS in a transaction of its own:
 * {@link TextMessages#queue} of {@link MarketingSms#compose} (the sender's name and "STOP au
 * 36180" added; number and text sealed into the outbox), commit; the gateway sends it after the
 * commit on its own sending thread(s) (claim, open, submit_sm and its response, mark sent, erase).
 * Timed from the first queue until the SMSC accepted every SMS.</li>
 * <li><b>raw jSMPP</b>, the baseline: a session of its own bound to the same SMSC, the same number of
 * threads submitting the same texts, encoded the same way, to the same numbers
 * ({@code submitShortMessage}, waiting for each response), no database. Timed the same way.</li>
 * </ol>
 * Warm-up: {@code --warmup} SMS through each path first. Checks: the outbox marks every SMS sent.
 *
 * <pre>SmsBenchmark --pg-url=... [--sms=5000] [--threads=8] [--warmup=500] [--target=200] [--deadline=900] [--result=FILE]
 *     [--property=charte.sms.x=y ...]</pre>
 */
public final class SmsBenchmark {

    record Options(String adminUrl, int sms, int threads, int warmup, double target, int deadlineSeconds, Path result, String[] properties) {}

    static final String TEXT = "-20 % sur toute la boutique ce week-end avec le code HIVER, en magasin et en ligne.";

    interface Send {
        void send(int i) throws Exception;
    }

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    private SmsBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SmsBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("SmsBenchmark", options.deadlineSeconds(), new SmsBenchmark(options)::run);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        report.put("postgresql", BenchDatabase.settings(admin));
        SmscServer smsc = SmscServer.shared();
        String name = BenchDatabase.newName("charte_bench_sms_");
        BenchDatabase.execute(admin, "CREATE DATABASE " + name);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        String[] settings = {"--charte.sms.host=127.0.0.1", "--charte.sms.port=" + smsc.port(), "--charte.sms.system-id=" + SmscServer.SYSTEM_ID,
                "--charte.sms.password=" + SmscServer.PASSWORD, "--charte.sms.source-address=Gestan", "--charte.sms.stop-number=36180"};
        String[] all = new String[settings.length + options.properties().length];
        System.arraycopy(settings, 0, all, 0, settings.length);
        System.arraycopy(options.properties(), 0, all, settings.length, options.properties().length);
        try (ConfigurableApplicationContext context = BenchDatabase.start(BenchDatabase.url(admin, name), BenchDatabase.user(admin), dataDir, all)) {
            return measure(context, smsc);
        } finally {
            BenchDatabase.deleteTree(dataDir);
            BenchDatabase.dropQuietly(admin, name);
        }
    }

    static String phone(int i) {
        return String.format(Locale.ROOT, "+336%08d", 20_000_000 + i);
    }

    private int measure(ConfigurableApplicationContext context, SmscServer smsc) throws Exception {
        TextMessages messages = context.getBean(TextMessages.class);
        SmsProperties sms = context.getBean(SmsProperties.class);
        TransactionTemplate tx = context.getBean(TransactionTemplate.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        MarketingSms marketing = messages.marketing();
        String text = marketing.compose(TEXT);
        messages.sendPending(); // binds
        smsc.awaitBound();
        System.out.printf(Locale.ROOT, "SMSC on 127.0.0.1:%d; %,d SMS of %d characters (%d part), %d threads%n", smsc.port(), options.sms(),
                text.length(), SmsEncoding.parts(text), options.threads());
        report.put("sms", options.sms());
        report.put("threads", options.threads());
        report.put("text", text);

        Send charte = i -> tx.executeWithoutResult(s -> messages.queue(Passage.toPerson("rights-requests", null), phone(i), text));
        SMPPSession raw = new SMPPSession();
        raw.setTransactionTimer(10_000);
        raw.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX, SmscServer.SYSTEM_ID, SmscServer.PASSWORD, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 10_000);
        Send baseline = i -> {
            // what the gateway submits: the same encoding, addresses and flags (SmppLink.submit)
            SmsEncoding.Encoded encoded = SmsEncoding.encode(text, i & 0xFF);
            for (byte[] part : encoded.parts()) {
                raw.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Gestan", TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN, phone(i).substring(1), new ESMClass(encoded.concatenated() ? 0x40 : 0x00), (byte) 0, (byte) 1,
                        null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                        DataCodings.newInstance(encoded.dataCoding()), (byte) 0, part);
            }
        };
        try {
            int warm = options.warmup();
            jdbc.sql("CHECKPOINT").update();
            double warmCharte = phase(smsc, warm, charte);
            double warmRaw = phase(smsc, warm, baseline);
            System.out.printf(Locale.ROOT, "warm-up: %,d SMS through Charte (%.0f/s), %,d raw (%.0f/s)%n", warm, warm / warmCharte, warm, warm / warmRaw);
            jdbc.sql("CHECKPOINT").update();
            double charteSeconds = phase(smsc, options.sms(), charte);
            double rawSeconds = phase(smsc, options.sms(), baseline);
            long sent = jdbc.sql("SELECT COUNT(*) FROM sms_outbox WHERE sent_at IS NOT NULL AND body IS NULL").query(Long.class).single();
            long expected = (long) warm + options.sms();
            double charteRate = options.sms() / charteSeconds;
            double rawRate = options.sms() / rawSeconds;
            System.out.printf(Locale.ROOT, "%n                                          SMS    seconds      SMS/s%n");
            System.out.printf(Locale.ROOT, "  Charte TextMessages + gateway   %10d %10.2f %10.0f%n", options.sms(), charteSeconds, charteRate);
            System.out.printf(Locale.ROOT, "  raw jSMPP submitShortMessage    %10d %10.2f %10.0f%n", options.sms(), rawSeconds, rawRate);
            System.out.printf(Locale.ROOT, "  Charte / raw: %.3f%n", charteRate / rawRate);
            boolean met = charteRate >= options.target();
            System.out.printf(Locale.ROOT, "  Charte %.0f SMS/s: target >= %.0f SMS/s %s%n", charteRate, options.target(), met ? "MET" : "NOT MET");
            boolean ok = sent == expected;
            System.out.printf(Locale.ROOT, "  checks: the outbox marks %,d of %,d SMS sent (number and text erased): %s%n", sent, expected, ok ? "ok" : "MISMATCH");
            report.put("charte", Map.of("sms", options.sms(), "seconds", charteSeconds, "perSecond", charteRate));
            report.put("raw", Map.of("sms", options.sms(), "seconds", rawSeconds, "perSecond", rawRate));
            report.put("ratio", charteRate / rawRate);
            report.put("target", Map.of("perSecond", options.target(), "met", met));
            report.put("checksPassed", ok);
            report.put("settings", sms.toString());
            JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
            return ok ? 0 : 1;
        } finally {
            raw.unbindAndClose();
        }
    }

    /** Sends SMS 0..count-1 with the threads; the seconds until the SMSC accepted them all. */
    private double phase(SmscServer smsc, int count, Send send) throws Exception {
        int before = smsc.received();
        AtomicLong next = new AtomicLong();
        LongAdder failures = new LongAdder();
        CountDownLatch done = new CountDownLatch(options.threads());
        long start = System.nanoTime();
        for (int t = 0; t < options.threads(); t++) {
            Thread.ofPlatform().name("bench-sms-" + t).start(() -> {
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
        double queued = (System.nanoTime() - start) / 1e9;
        long until = System.nanoTime() + 120_000_000_000L;
        while (smsc.received() - before < count - failures.sum() && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "  %,d SMS: all handed over in %.2f s, all received by the SMSC in %.2f s%s%n", count, queued, seconds,
                failures.sum() > 0 ? " (" + failures.sum() + " failed)" : "");
        if (smsc.received() - before < count) {
            System.out.println("  the SMSC received only " + (smsc.received() - before) + " of " + count);
        }
        return seconds;
    }

    static Options parse(String[] args) {
        List<String> properties = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--property=")) {
                properties.add("--" + arg.substring("--property=".length()));
            } else {
                rest.add(arg);
            }
        }
        Map<String, String> a = BenchDatabase.options(rest.toArray(String[]::new));
        String url = a.remove("pg-url");
        if (url == null) {
            throw new IllegalArgumentException("--pg-url is required");
        }
        Options o = new Options(url, BenchDatabase.integer(a.remove("sms"), 5_000, 10, 1_000_000),
                BenchDatabase.integer(a.remove("threads"), 8, 1, 150), BenchDatabase.integer(a.remove("warmup"), 500, 0, 100_000),
                Double.parseDouble(a.getOrDefault("target", "200")), BenchDatabase.integer(a.remove("deadline"), 900, 30, 14_400),
                Path.of(a.getOrDefault("result", "bench/results/sms.json")), properties.toArray(String[]::new));
        a.remove("target");
        a.remove("result");
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
