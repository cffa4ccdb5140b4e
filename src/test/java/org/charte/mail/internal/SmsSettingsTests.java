package org.charte.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmsSettingsTests {

    static SmsProperties settings(String host, String systemId, String password, String source) {
        return new SmsProperties(host, 2775, systemId, password, "", "transceiver", source, "", "36180", Duration.ofSeconds(30),
                Duration.ofHours(1), 20, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), 4);
    }

    @Test
    @DisplayName("R9.9 without a host the gateway is off and nothing is required")
    void off() {
        SmsProperties off = settings("", "", "", "");
        assertThat(off.enabled()).isFalse();
        assertThat(off.problems()).isEmpty();
    }

    @Test
    @DisplayName("R9.9 a host without system id or sender is refused, naming the properties and never the password")
    void misconfigured() {
        SmsProperties bad = settings("smsc.example.org", "", "s3cr3tpassword", "a sender name too long");
        assertThat(bad.problems()).anySatisfy(p -> assertThat(p).contains("charte.sms.system-id"))
                .anySatisfy(p -> assertThat(p).contains("charte.sms.source-address")).anySatisfy(p -> assertThat(p).contains("charte.sms.password"))
                .allSatisfy(p -> assertThat(p).doesNotContain("s3cr3tpassword"));
        assertThatThrownBy(() -> new SmppLink(bad, null, Clock.systemUTC())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("charte.sms.system-id").hasMessageNotContaining("s3cr3tpassword");
        assertThat(bad.toString()).doesNotContain("s3cr3tpassword");
    }

    @Test
    @DisplayName("R9.9 a complete configuration passes; an alphanumeric sender is told from a number")
    void complete() {
        assertThat(settings("smsc.example.org", "charte", "secret", "Gestan").problems()).isEmpty();
        assertThat(settings("smsc.example.org", "charte", "secret", "Gestan").alphanumericSender()).isTrue();
        assertThat(settings("smsc.example.org", "charte", "secret", "+33612345678").alphanumericSender()).isFalse();
        assertThat(settings("smsc.example.org", "charte", "secret", "36180").alphanumericSender()).isFalse();
    }

    @Test
    @DisplayName("R9.9 retries wait longer each time: 30 s, 1 min, 2 min... never more than the maximum")
    void backoff() {
        SmsProperties settings = settings("smsc.example.org", "charte", "secret", "Gestan");
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.backoff(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.backoff(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    @DisplayName("R9.9 L9 numbers: French national and international forms become E.164; the SMSC's address by its type of number")
    void numbers() {
        assertThat(SmsNumbers.e164("06 12 34 56 78")).isEqualTo("+33612345678");
        assertThat(SmsNumbers.e164("+262 692 12 34 56")).isEqualTo("+262692123456");
        assertThat(SmsNumbers.e164("not a number")).isNull();
        assertThat(SmsNumbers.e164("12")).isNull();
        assertThat(SmsNumbers.fromSmsc("33612345678", SmsNumbers.TON_INTERNATIONAL)).isEqualTo("+33612345678");
        assertThat(SmsNumbers.fromSmsc("0612345678", (byte) 2)).isEqualTo("+33612345678");
        assertThat(SmsNumbers.fromSmsc("33612345678", (byte) 0)).isEqualTo("+33612345678");
        assertThat(SmsNumbers.fromSmsc("+33612345678", (byte) 0)).isEqualTo("+33612345678");
        assertThat(SmsNumbers.fromSmsc("Gestan", (byte) 5)).isNull();
        assertThat(SmsNumbers.smscDigits("+33612345678")).isEqualTo("33612345678");
    }
}
