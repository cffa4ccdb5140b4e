package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BrowserFamilyTests {

    @Test
    @DisplayName("L3 a proof keeps only the browser's family, from the User-Agent: no version, no system")
    void families() {
        assertThat(BrowserFamily.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36"))
                .isEqualTo(BrowserFamily.CHROME);
        assertThat(BrowserFamily.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36 Edg/139.0.0.0"))
                .isEqualTo(BrowserFamily.EDGE);
        assertThat(BrowserFamily.of("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0")).isEqualTo(BrowserFamily.FIREFOX);
        assertThat(BrowserFamily.of("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"))
                .isEqualTo(BrowserFamily.SAFARI);
        assertThat(BrowserFamily.of("Mozilla/5.0 (compatible; Googlebot/2.1)")).isEqualTo(BrowserFamily.BOT);
        assertThat(BrowserFamily.of(null)).isEqualTo(BrowserFamily.OTHER);
        assertThat(BrowserFamily.of("curl/8.0")).isEqualTo(BrowserFamily.OTHER);
        assertThat(BrowserFamily.CHROME.code()).isEqualTo("chrome");
    }
}
