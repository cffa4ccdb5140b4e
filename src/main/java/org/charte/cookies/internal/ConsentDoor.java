package org.charte.cookies.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.charte.access.SecurityHeaders;
import org.charte.common.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The door of consent.js's choices, {@code POST /consent/v1/records}, the busiest open door of Charte (L3, #13's
 * 10,000 proofs a second), ahead of Spring Security and Spring MVC ({@link ScriptDoor}). It records a choice
 * {@link ConsentApi#record} would accept: consent.js's plain body ({@link PlainChoiceReader}, at most
 * {@value #MAX_BODY} bytes), sent as JSON, passing {@link ChoiceChecks} and the banner's checks, its site the
 * sender's; anything else goes on, its body replayable, to {@link ConsentApi}, nothing recorded here. The answer is
 * {@link ConsentApi}'s ({@code ConsentDoorTests} compares them): the proof ({@link ConsentApi#created}), or 503
 * problem+json with {@code Retry-After} when its batch failed ({@link ConsentApi#notRecorded()}).
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class ConsentDoor extends ScriptDoor {

    /** consent.js's choices are a few hundred bytes; a bigger body goes to {@link ConsentApi} (which refuses more than 16 KB). */
    static final int MAX_BODY = 4096;

    private final ConsentRecords records;

    ConsentDoor(ConsentRecords records, SecurityHeaders headers, ConsentCors cors) {
        super(ConsentCors.RECORDS, MediaType.APPLICATION_JSON, MAX_BODY, headers, cors);
        this.records = records;
    }

    @Override
    boolean enter(HttpServletRequest request, HttpServletResponse response, byte[] sent) throws IOException, ServletException {
        ConsentApi.@Nullable ChoiceBody body = PlainChoiceReader.read(sent);
        if (body == null || !ChoiceChecks.violations(body).isEmpty() || !sentFrom(request, body.site())) {
            return false;
        }
        JdbcConsentRecords.Row row;
        try {
            row = ConsentApi.record(records, body, request);
        } catch (InvalidInputException e) {
            return false; // another banner's version, a purpose missing or unknown: nothing was written; ConsentApi names the fields
        } catch (ConsentWriter.NotRecordedException e) {
            problem(request, response, ConsentApi.notRecorded());
            return true;
        }
        answer(request, response, (rq, out) -> ConsentApi.created((HttpServletResponse) out, row));
        return true;
    }
}
