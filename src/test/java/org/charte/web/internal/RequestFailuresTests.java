package org.charte.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.catalina.connector.ClientAbortException;
import org.charte.common.LoggedFailures;
import org.charte.testing.CharteIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * No log line carries a submitted value (R8.5), whoever writes it: a failure's message is logged
 * only when Charte's code made it ({@code LoggedFailures}, the log's stack trace format), and a
 * request that fails where nothing answered it is answered and logged by {@link RequestFailures},
 * not by Tomcat, whose line quotes the message.
 */
@CharteIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RequestFailuresTests {

    @Autowired RequestFailures failures;
    @Autowired JdbcClient jdbc;

    /** A value no log line may repeat. */
    String marker;

    @BeforeEach
    void setUp() {
        marker = "Zorglub" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    @DisplayName("R8.5 a driver's message quoting what was sent is withheld from the log, whoever logs it; its kind and SQL state are kept")
    void driverMessageWithheld(CapturedOutput output) {
        DataAccessException refused = null;
        try {
            jdbc.sql("SELECT CAST(? AS INTEGER)").param(marker).query(Integer.class).single();
        } catch (DataAccessException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains(marker);
        // As Spring's TransactionTemplate does when a rollback fails after such a failure.
        LoggerFactory.getLogger("org.springframework.transaction.support.TransactionTemplate")
                .error("Application exception overridden by rollback exception", refused);

        assertThat(output.getOut()).contains("Application exception overridden by rollback exception")
                .contains(refused.getClass().getName() + ": " + LoggedFailures.WITHHELD)
                .contains("SQL state 22")
                .contains("at org.charte.web.internal.RequestFailuresTests.driverMessageWithheld")
                .doesNotContain(marker);
    }

    @Test
    @DisplayName("R8.5 a failure Charte's code made keeps its message in the log (its messages never repeat a value), its causes judged each")
    void ownMessageKept(CapturedOutput output) {
        IllegalStateException own = new IllegalStateException("the audit head moved while locked",
                new NumberFormatException("For input string: \"" + marker + "\""));
        Exception foreign = numberFrom(marker);

        LoggerFactory.getLogger(RequestFailuresTests.class).error("Two failures", own);
        LoggerFactory.getLogger(RequestFailuresTests.class).error("A third", foreign);

        assertThat(output.getOut()).contains("java.lang.IllegalStateException: the audit head moved while locked")
                // made here too (the test is Charte's code), hence kept: the cause below is made by the JDK
                .contains("Caused by: java.lang.NumberFormatException: For input string")
                .contains("java.lang.NumberFormatException: " + LoggedFailures.WITHHELD);
        assertThat(output.getOut().split(Pattern.quote(marker), -1)).hasSize(2); // only the one this test made itself
    }

    @Test
    @DisplayName("R8.5 a request failing where nothing answered it gets a 500 through the error pages, logged by its kind without its message")
    void unexpectedFailureAnswered(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/anything");
        MockHttpServletResponse response = new MockHttpServletResponse();

        failures.doFilter(request, response, (req, res) -> {
            throw new ServletException("Request processing failed: " + numberFrom(marker), numberFrom(marker));
        });

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getErrorMessage()).isNull();
        assertThat(output.getOut()).contains("A request failed (NumberFormatException): answered 500")
                .contains("java.lang.NumberFormatException: " + LoggedFailures.WITHHELD)
                .doesNotContain(marker);
    }

    @Test
    @DisplayName("R8.5 a client that hung up is not Charte's failure: nothing logged, nothing answered")
    void clientGone(CapturedOutput output) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> failures.doFilter(request, response, (req, res) -> {
            throw new ClientAbortException(new IOException("Broken pipe"));
        })).isInstanceOf(ClientAbortException.class);
        assertThat(output.getOut()).doesNotContain("A request failed");
    }

    /** A failure the JDK makes, quoting the text it could not read. */
    private static NumberFormatException numberFrom(String text) {
        try {
            Integer.parseInt(text);
            throw new AssertionError("not a number: parsed");
        } catch (NumberFormatException e) {
            return e;
        }
    }
}
