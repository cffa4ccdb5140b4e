package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.commerce.DeliveryAddress;
import org.charte.commerce.Invoices;
import org.charte.commerce.Orders;
import org.charte.commerce.Subscriptions;
import org.charte.common.Ids;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.support.Channel;
import org.charte.support.Ticket;
import org.charte.support.Tickets;
import org.charte.testing.TaggedPdfChecks;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.ObjectMapper;

/** The access report's content, its PDF (tagged, fonts embedded) and the portability archive's files. */
class AccessReportTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Subscriptions subscriptions;
    @Autowired Orders orders;
    @Autowired Invoices invoices;
    @Autowired Tickets tickets;
    @Autowired PersonalFiles files;
    @Autowired AccessReports reports;
    @Autowired AccessReportPdf pdf;
    @Autowired PortabilityFulfilment portability;
    @Autowired Ids ids;

    Relationship world;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
    }

    /** A client with a subscription, an order delivered, an invoice and a ticket with the person's message and support's reply. */
    UUID client(String lastName) {
        UUID id = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", lastName, "Camille", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(), List.of(lastName.toLowerCase(Locale.ROOT) + "@example.org"), List.of("+33612345678")), null), world.today());
        Staff member = world.staff("adv");
        world.mayRecordOn(member, id);
        Actor adv = Actor.staff(member.id());
        subscriptions.subscribe(adv, id, new Subscriptions.NewSubscription("GESTAN-CLOUD-PRO", null, null));
        var order = orders.place(adv, id, new Orders.NewOrder(null, "EUR", List.of(new Orders.NewLine("FORMATION-1J", 2, new BigDecimal("450.00")))));
        orders.deliver(adv, order.id(), new Orders.NewDelivery(new DeliveryAddress(lastName, "12 rue des Lilas", null, "75011", "Paris", "FR"),
                "colissimo", "6A123"));
        invoices.issue(adv, id, new Invoices.NewInvoice(null, world.today().plusDays(30), new BigDecimal("900.00"), "EUR", order.id(), null));
        Ticket ticket = tickets.open(adv, id, new Tickets.NewTicket(Channel.PHONE, "Sauvegarde", "Ma sauvegarde de mardi n'apparaît pas."));
        tickets.addMessage(adv, ticket.reference(), new Tickets.NewMessage(Ticket.Direction.OUTBOUND, Channel.PHONE, "Nous regardons."));
        return id;
    }

    RightsRequest request(UUID subjectId, RequestType type) {
        LocalDate today = world.today();
        return new RightsRequest(ids.next(), "R-" + today.getYear() + "-" + UUID.randomUUID().toString().substring(0, 6), type, RequestChannel.WEB,
                "fr", today, clock.instant(), RequestStatus.IN_PROGRESS, subjectId, clock.instant(), RequestClock.receivedOn(today), null, null);
    }

    @Test
    @DisplayName("R9.1 L10 the access report tells only the purposes that apply to the person, says §9 of the policy, sums up their own reading in one line, puts codes in words and moments as people write them (FR, EN)")
    void content() {
        UUID id = client("RAPPORT");
        PersonalFile file = files.read(id);
        String fr = reports.html(request(id, RequestType.ACCESS), file, world.today(), Locale.FRENCH);

        // Purposes: those of an active client with these records; not the cookies' (no browsing data held about them), nor the
        // intermediate archive's (inactive clients only), nor the prospecting of prospects alone.
        assertThat(fr).contains("Facturation ; perception des paiements", "Gestion des livraisons et suivi de commandes",
                "dans les conditions prévues au §9 de la politique");
        assertThat(fr).doesNotContain("Mesure de fréquentation et d'audience", "Mise à disposition d'outils de partage",
                "en archive intermédiaire", "article 9");
        // Codes in words, French agreement in empty sections.
        assertThat(fr).contains("En cours", "colissimo 6A123", "Émise", "De vous, téléphone", "Du support, téléphone",
                "Aucun contentieux.", "Aucune autre information.");
        assertThat(fr).doesNotContain("RUNNING", "PHONE", "INBOUND", "OUTBOUND", "ISSUED", ">provision<", "Aucune.");
        // The person's own reading for this request: one line, whatever the number of parts read.
        assertThat(count(fr, "Lecture de votre dossier pour votre demande")).isEqualTo(1);
        assertThat(count(fr, " — Vous-même — ")).as("one line of their own, whatever was read").isEqualTo(1);

        String en = reports.html(request(id, RequestType.ACCESS), files.read(id), world.today(), Locale.ENGLISH);
        assertThat(en).contains("as set out in §9 of the policy", "Running", "From you, phone", "No litigation.", "No other information.",
                "Your file read for your request");
        assertThat(en).doesNotContain("RUNNING", "INBOUND", "article 9", "Audience and traffic measurement");
        assertThat(count(en, "Your file read for your request")).as("two readings 10 minutes apart or less are one line").isEqualTo(1);
        // Moments as people read them, in Paris time: "15/01/2027 à 09:30", "15 Jan 2027, 09:30" (never ISO)
        assertThat(fr).containsPattern("[0-9]{2}/[0-9]{2}/[0-9]{4} à [0-9]{2}:[0-9]{2} — Vous-même — ")
                .doesNotContainPattern("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}");
        assertThat(en).containsPattern("[0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}, [0-9]{2}:[0-9]{2} — ")
                .doesNotContainPattern("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}");
    }

    @Test
    @DisplayName("R9.1 the access report's PDF is tagged for screen readers (PDF/UA-1: structure tree, marked, identifier in XMP), titled, in the person's language, every font embedded")
    void taggedPdf() throws Exception {
        UUID id = client("TAGGUE");
        RightsRequest request = request(id, RequestType.ACCESS);
        byte[] bytes = pdf.render(reports.html(request, files.read(id), world.today(), Locale.FRENCH));
        TaggedPdfChecks.assertTagged(bytes, "fr", "Vos données (" + request.reference() + ")");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @DisplayName("R9.1 the access report's PDF measured and drawn with widths read once per character is the library's own, line for line, "
            + "characters the font lacks included")
    void sameLinesAsTheLibrary() throws Exception {
        UUID id = client("LARGEUR");
        String html = reports.html(request(id, RequestType.ACCESS), files.read(id), world.today(), Locale.FRENCH)
                .replace("</body>", "<p>Zoë « Ωmega » ﬁn — 漢字 😀 \u00ad\u200b 1 234,50 €</p></body>");
        byte[] ours = pdf.render(html);
        byte[] library = pdf.render(html, PdfBoxTextRenderer::new);
        try (PDDocument a = Loader.loadPDF(ours); PDDocument b = Loader.loadPDF(library)) {
            assertThat(a.getNumberOfPages()).isEqualTo(b.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            for (int i = 0; i < a.getNumberOfPages(); i++) {
                assertThat(a.getPage(i).getContents().readAllBytes()).as("page %d's content", i + 1)
                        .isEqualTo(b.getPage(i).getContents().readAllBytes());
            }
            assertThat(new PDFTextStripper().getText(a)).contains("LARGEUR", "Zoë « Ωmega »", "1 234,50 €");
        }
    }

    @Test
    @DisplayName("R9.3 the portability archive: every CSV keeps its header line when empty; a missing value is null in the JSON and an empty field in the CSV, an empty text \"\"")
    void portabilityFiles() throws Exception {
        UUID id = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("M.", "PORTE", "Jean", null),
                new Contacts(List.of(), List.of("jean.porte@example.org"), List.of()), null), world.today());
        var result = portability.fulfil(request(id, RequestType.PORTABILITY), id, new RightsRequests.Claimant("Jean Porte", "jean.porte@example.org",
                null, null), Locale.FRENCH);
        Map<String, String> entries = new TreeMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(result.files().getFirst().content()), StandardCharsets.UTF_8)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        for (var table : PortabilityFulfilment.COLUMNS.entrySet()) {
            assertThat(entries.get(table.getKey() + ".csv")).as(table.getKey()).startsWith(String.join(",", table.getValue()) + "\r\n");
        }
        assertThat(entries.get("order-lines.csv")).isEqualTo("orderId,orderedOn,product,quantity,unitPrice,currency\r\n");
        assertThat(entries.get("identity.csv")).isEqualTo("civility,lastName,firstNames,birthDate\r\nM.,PORTE,Jean,\r\n");
        var json = new ObjectMapper().readTree(entries.get("data.json"));
        var identity = json.path("data").path("identity").get(0);
        assertThat(identity.path("birthDate").isNull()).as("a missing value is null, not \"\"").isTrue();
        assertThat(json.path("data").path("order-lines").isArray()).isTrue();
        assertThat(json.path("data").path("order-lines").size()).isZero();

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("text", "");
        row.put("other", null);
        assertThat(PortabilityFulfilment.csv(List.of("text", "other"), List.of(row))).isEqualTo("text,other\r\n\"\",\r\n");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
