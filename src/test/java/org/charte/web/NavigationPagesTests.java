package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * L10: people find the privacy centre from every public page; staff find every back-office page
 * their role may open from their bar, and the bar offers nothing their role may not open.
 */
@CharteIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NavigationPagesTests {

    /** Every role of the policy, as the authorization matrix signs them in. */
    static final List<String> ROLES = List.of("adv", "development", "cloud-support", "support-subcontractor",
            "security-monitoring-subcontractor", "dpo", "administrator");

    /** Back-office pages outside the signed-in back office: signing in and its second factor. */
    static final Set<String> BEFORE_SIGN_IN = Set.of("/backoffice/connexion", "/backoffice/code", "/backoffice/enrolement");

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Subcontractors subcontractors;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Commitments commitments;

    final Map<String, Http> sessions = new LinkedHashMap<>();
    final Map<String, StaffMember> members = new LinkedHashMap<>();

    @BeforeAll
    void signIn() {
        Subcontractor support = subcontractors.register("Nav support " + UUID.randomUUID(), "support-subcontractor");
        Subcontractor monitoring = subcontractors.register("Nav monitoring " + UUID.randomUUID(), "security-monitoring-subcontractor");
        for (String role : ROLES) {
            UUID company = role.equals("support-subcontractor") ? support.id()
                    : role.equals("security-monitoring-subcontractor") ? monitoring.id() : null;
            Staff staff = Staff.signedIn(directory, port, role, company);
            sessions.put(role, staff.http());
            members.put(role, staff.member());
        }
    }

    /** Every back-office page a GET opens, without a variable in its path: what the bar must lead to. */
    Set<String> backOfficePages() {
        Set<String> pages = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            boolean get = info.getMethodsCondition().getMethods().isEmpty()
                    || info.getMethodsCondition().getMethods().stream().anyMatch(m -> m.name().equals("GET"));
            for (String pattern : info.getPatternValues()) {
                if (get && (pattern.equals("/backoffice") || pattern.startsWith("/backoffice/")) && !pattern.contains("{")
                        && !BEFORE_SIGN_IN.contains(pattern)) {
                    pages.add(pattern);
                }
            }
        }
        return pages;
    }

    static String pathOf(String href) {
        String path = href.split("[?#]", 2)[0];
        return path.isEmpty() ? "/" : path;
    }

    static Document html(HttpResponse<String> response) {
        return Jsoup.parse(response.body());
    }

    @Test
    @DisplayName("L10 R8.3 R6.1 each role's bar links only pages the role may open, and every back-office page it may open is in the bar or one click from it, before and after signing the commitment")
    void oneBarPerRole() {
        Set<String> pages = backOfficePages();
        assertThat(pages).as("the walk covers the back office").contains("/backoffice", "/backoffice/droits", "/backoffice/conservation",
                "/backoffice/prospection/campagnes", "/backoffice/cookies/statistiques", "/backoffice/engagement/publier");
        Map<String, Set<String>> unsigned = walk(pages);
        assertThat(unsigned.get("dpo")).as("pages the decision point decides wait for the commitment (R6.1)")
                .doesNotContain("/backoffice/cookies/statistiques", "/backoffice/conservation/archive");
        for (StaffMember member : members.values()) {
            commitments.sign(member.id());
        }
        Map<String, Set<String>> bars = walk(pages);
        // What the roles see (the policy's roles and the URL rules decide).
        assertThat(bars.get("dpo")).contains("/backoffice/droits", "/backoffice/bureau-dpo", "/backoffice/audit", "/backoffice/conservation",
                "/backoffice/conservation/archive", "/backoffice/cookies/statistiques").doesNotContain("/backoffice/staff", "/backoffice/prospection/campagnes");
        assertThat(bars.get("adv")).contains("/backoffice/droits/nouvelle", "/backoffice/prospection/campagnes", "/backoffice/prospection/statistiques",
                "/backoffice/conservation/archive").doesNotContain("/backoffice/droits", "/backoffice/audit", "/backoffice/conservation");
        assertThat(bars.get("administrator")).contains("/backoffice/staff", "/backoffice/tokens", "/backoffice/grants", "/backoffice/conservation")
                .doesNotContain("/backoffice/droits", "/backoffice/bureau-dpo");
        assertThat(bars.get("development")).containsExactly("/backoffice", "/backoffice/personnes", "/backoffice/mes-acces", "/backoffice/engagement");
        assertThat(bars.get("support-subcontractor")).doesNotContain("/backoffice/droits", "/backoffice/prospection/campagnes");
    }

    /** Each role's bar, every link and every page it may open checked; what is wrong fails the test. */
    Map<String, Set<String>> walk(Set<String> pages) {
        List<String> wrong = new ArrayList<>();
        Map<String, Set<String>> bars = new LinkedHashMap<>();
        for (String role : ROLES) {
            Http http = sessions.get(role);
            Document dashboard = html(http.get("/backoffice", "Accept", "text/html"));
            Element bar = dashboard.selectFirst("nav.staff-bar");
            if (bar == null) {
                wrong.add(role + ": no bar on the dashboard");
                continue;
            }
            Set<String> linked = new LinkedHashSet<>(bar.select("a").eachAttr("href"));
            bars.put(role, linked);
            bar.select("a").forEach(a -> {
                if (a.text().isBlank() || a.text().startsWith("??")) {
                    wrong.add(role + ": the link to " + a.attr("href") + " has no label");
                }
            });
            // One click: the pages the bar links, and what they link.
            Set<String> reachable = new TreeSet<>();
            Map<String, HttpResponse<String>> seen = new LinkedHashMap<>();
            for (String href : linked) {
                HttpResponse<String> response = http.get(href, "Accept", "text/html");
                seen.put(href, response);
                if (response.statusCode() != 200) {
                    wrong.add(role + ": the bar links " + href + ", which answers " + response.statusCode()
                            + response.headers().firstValue("Location").map(l -> " to " + l).orElse(""));
                    continue;
                }
                reachable.add(pathOf(href));
                html(response).select("main a[href]").eachAttr("href").forEach(h -> reachable.add(pathOf(h)));
            }
            for (String page : pages) {
                HttpResponse<String> response = seen.containsKey(page) ? seen.get(page) : http.get(page, "Accept", "text/html");
                boolean opens = response.statusCode() == 200;
                if (opens && !reachable.contains(page)) {
                    wrong.add(role + " may open " + page + " but neither the bar nor a page it links leads there");
                }
                if (!opens && linked.contains(page)) {
                    wrong.add(role + ": the bar links " + page + ", which the role may not open");
                }
            }
        }
        assertThat(wrong).isEmpty();
        return bars;
    }

    @Test
    @DisplayName("L10 the bar is on every back-office page, marks where the person is, and is on no public page")
    void barOnEveryBackOfficePage() {
        Http dpo = sessions.get("dpo");
        for (String page : List.of("/backoffice/droits", "/backoffice/droits/oppositions", "/backoffice/registres/transferts", "/backoffice/audit")) {
            Document html = html(dpo.get(page, "Accept", "text/html"));
            assertThat(html.select("nav.staff-bar a")).as(page).hasSizeGreaterThan(5);
            assertThat(html.select("nav.staff-bar a[aria-current=page]")).as(page).hasSize(1);
        }
        assertThat(html(dpo.get("/backoffice/droits/oppositions", "Accept", "text/html")).selectFirst("nav.staff-bar a[aria-current=page]").attr("href"))
                .isEqualTo("/backoffice/droits");
        assertThat(html(dpo.get("/backoffice/droits?lang=en", "Accept", "text/html")).selectFirst("nav.staff-bar a[href=/backoffice/droits]").text())
                .isEqualTo("Rights requests");
        for (String page : List.of("/", "/mes-droits", "/politique-de-confidentialite")) {
            assertThat(html(dpo.get(page)).select("nav.staff-bar")).as(page + " is public: no bar, even signed in").isEmpty();
        }
    }

    @Test
    @DisplayName("L10 R9.8 every public page links the privacy centre in its header and footer, carries the controller's name as its brand, credits Charte in the footer only")
    void privacyCentreFromEveryPublicPage() {
        Http anyone = new Http(port);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/", "/mes-droits");
        pages.put("/en", "/en/my-rights");
        pages.put("/politique-de-confidentialite", "/mes-droits");
        pages.put("/en/privacy-policy", "/en/my-rights");
        pages.put("/registre-des-traitements", "/mes-droits");
        pages.put("/en/record-of-processing-activities", "/en/my-rights");
        pages.put("/mes-droits", "/mes-droits");
        pages.put("/mes-droits/demande?type=access", "/mes-droits");
        pages.put("/en/my-rights/request?type=erasure", "/en/my-rights");
        pages.put("/backoffice/connexion", "/mes-droits");
        for (var entry : pages.entrySet()) {
            HttpResponse<String> response = anyone.get(entry.getKey());
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(200);
            Document html = html(response);
            assertThat(html.select("header.site a[href=" + entry.getValue() + "]")).as(entry.getKey() + " header").hasSize(1);
            assertThat(html.select("footer.site a[href=" + entry.getValue() + "]")).as(entry.getKey() + " footer").hasSize(1);
            assertThat(html.selectFirst("header.site .brand").text()).as(entry.getKey()).isEqualTo("Gestan Cloud");
            assertThat(html.selectFirst("footer.site .controller").text()).as(entry.getKey()).isEqualTo("ICS-Informatique SARL");
            assertThat(html.selectFirst("header.site").text()).as(entry.getKey()).doesNotContain("Charte");
            assertThat(html.selectFirst("footer.site .credit").text()).as(entry.getKey()).contains("Charte");
            assertThat(html.select("header.site button.menu-toggle[aria-controls=site-menu][aria-expanded=false]")).as(entry.getKey()).hasSize(1);
        }
        for (String page : List.of("/", "/registre-des-traitements", "/mes-droits", "/mes-droits/demande?type=access")) {
            assertThat(html(anyone.get(page)).title()).as(page).endsWith(" · Gestan Cloud").doesNotContain("Charte");
        }
        assertThat(html(anyone.get("/politique-de-confidentialite")).title()).contains("Gestan Cloud");
        // Near the rights (§9) of the policy, on the register and the home page: "exercer vos droits en ligne".
        Element policyLink = html(anyone.get("/politique-de-confidentialite")).selectFirst("section#droits a#rights-centre-link");
        assertThat(policyLink).isNotNull();
        assertThat(policyLink.attr("href")).isEqualTo("/mes-droits");
        assertThat(policyLink.text()).isEqualTo("Exercer vos droits en ligne");
        assertThat(html(anyone.get("/en/privacy-policy")).selectFirst("section#droits a#rights-centre-link").attr("href")).isEqualTo("/en/my-rights");
        assertThat(html(anyone.get("/registre-des-traitements")).selectFirst("main a#rights-centre-link").attr("href")).isEqualTo("/mes-droits");
        assertThat(html(anyone.get("/")).selectFirst("main a#rights-centre-link").attr("href")).isEqualTo("/mes-droits");
        assertThat(html(anyone.get("/en")).selectFirst("main a#rights-centre-link").attr("href")).isEqualTo("/en/my-rights");
    }

    @Test
    @DisplayName("L10 R9.8 the privacy centre links the CNIL's site and its complaint page")
    void cnilLinks() {
        Http anyone = new Http(port);
        for (String page : List.of("/mes-droits", "/en/my-rights", "/mes-droits/demande?type=access")) {
            Element cnil = html(anyone.get(page)).selectFirst("section.cnil");
            assertThat(cnil).as(page).isNotNull();
            assertThat(cnil.selectFirst("a.authority").attr("href")).isEqualTo("https://www.cnil.fr/");
            assertThat(cnil.selectFirst("a.authority").text()).contains("CNIL");
            assertThat(cnil.selectFirst("a.complaint").attr("href")).isEqualTo("https://www.cnil.fr/fr/plaintes");
            assertThat(cnil.text()).contains("3 place de Fontenoy");
        }
    }

    @Test
    @DisplayName("L10 the language link leads to the same page in the other language, its query string kept")
    void languageLinkKeepsTheQuery() {
        Http anyone = new Http(port);
        assertThat(html(anyone.get("/mes-droits/demande?type=access")).selectFirst("a.lang").attr("href"))
                .isEqualTo("/en/my-rights/request?type=access");
        assertThat(html(anyone.get("/en/my-rights/request?type=erasure")).selectFirst("a.lang").attr("href"))
                .isEqualTo("/mes-droits/demande?type=erasure");
        assertThat(html(anyone.get("/backoffice/connexion?error")).selectFirst("a.lang").attr("href"))
                .isEqualTo("/backoffice/connexion?error&lang=en");
        assertThat(html(anyone.get("/backoffice/connexion?lang=en&error")).selectFirst("a.lang").attr("href"))
                .isEqualTo("/backoffice/connexion?error&lang=fr");
        Http dpo = sessions.get("dpo");
        assertThat(html(dpo.get("/backoffice/personnes?email=nobody%40example.org", "Accept", "text/html")).selectFirst("a.lang").attr("href"))
                .isEqualTo("/backoffice/personnes?email=nobody%40example.org&lang=en");
    }
}
