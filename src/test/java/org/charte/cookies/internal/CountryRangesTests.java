package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.charte.cookies.PageView;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** L8 R3.4: the country of a truncated address, from a table in memory; what each mode keeps of a page view. */
class CountryRangesTests {

    static CountryRanges table() throws IOException {
        String csv = "# test ranges\n192.0.2.0,192.0.2.255,FR\n198.51.100.0,198.51.100.127,DE\n2001:db8::,2001:db8:0:ffff:ffff:ffff:ffff:ffff,BE\n"
                + "fc00::,fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,ZZ\n";
        return CountryRanges.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("L8 the country comes from the address truncated to /24 (IPv4) or /48 (IPv6), looked up offline; outside every range, none")
    void countryOfTheTruncatedAddress() throws IOException {
        CountryRanges ranges = table();
        assertThat(CountryRanges.truncated(InetAddress.getByName("192.0.2.77")).getHostAddress()).isEqualTo("192.0.2.0");
        assertThat(CountryRanges.truncated(InetAddress.getByName("2001:db8:1:2:3:4:5:6")).getHostAddress()).isEqualTo("2001:db8:1:0:0:0:0:0");
        assertThat(ranges.country(InetAddress.getByName("192.0.2.77"))).isEqualTo("FR");
        assertThat(ranges.country(InetAddress.getByName("198.51.100.200"))).as("the /24 starts in DE's range").isEqualTo("DE");
        assertThat(ranges.country(InetAddress.getByName("2001:db8:0:1::9"))).isEqualTo("BE");
        assertThat(ranges.country(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThat(ranges.country(InetAddress.getByName("fd12:3456:789a::1"))).as("addresses past 2^127 compare unsigned").isEqualTo("ZZ");
        assertThat(ranges.country(InetAddress.getByName("fe80::1"))).isNull();
        assertThat(ranges.size()).isEqualTo(4);
        assertThat(CountryRanges.bundled().size()).as("the bundled sample").isPositive();
        assertThatThrownBy(() -> CountryRanges.read(new ByteArrayInputStream("1.2.3.4,FR\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    }

    @Test
    @DisplayName("L8 R3.4 exempt measurement keeps the page's path, the referring site of an entry page, names without versions, never the address; consented keeps what the policy lists")
    void whatEachModeKeeps() {
        PageView.Agent agent = new PageView.Agent("Firefox", "128.0", "Windows NT", "10.0");
        PageView view = new PageView(Instant.EPOCH, LocalDate.EPOCH, "https://www.example.fr", PageView.path("/a?mail=x@y.fr#top"),
                PageView.referrer("https://search.example/?q=secret"), "v", "FR", agent, "192.0.2.7", UUID.randomUUID());
        assertThat(view.page()).isEqualTo("/a");
        PageView.Exempt exempt = view.exempt();
        assertThat(exempt.entry()).isTrue();
        assertThat(exempt.referrerHost()).isEqualTo("search.example");
        assertThat(exempt.toString()).doesNotContain("192.0.2.7").doesNotContain("128.0").doesNotContain("secret");
        PageView.Consented consented = view.consented();
        assertThat(consented).isNotNull();
        assertThat(consented.ipAddress()).isEqualTo("192.0.2.7");
        assertThat(consented.referrer()).isEqualTo("https://search.example/");
        assertThat(consented.browserVersion()).isEqualTo("128.0");
        assertThat(view.withoutConsent().consented()).isNull();
        PageView inside = new PageView(view.at(), view.day(), view.site(), "/b", "https://www.example.fr/a", "v", null, agent, null, null);
        assertThat(inside.entry()).as("from the same site: not an entry").isFalse();
        assertThat(inside.exempt().referrerHost()).isNull();
        assertThat(PageView.referrer("javascript:alert(1)")).isNull();
    }
}
