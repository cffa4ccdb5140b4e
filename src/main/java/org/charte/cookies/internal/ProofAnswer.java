package org.charte.cookies.internal;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The 201 answer to a proof of cookie choices (L3), {@link ConsentApi.ProofBody} as JSON, written by hand: the same
 * bytes the application's JSON writer gives for it ({@code ProofAnswerTests} compares them over many proofs), without
 * its serializers on the busiest open door of Charte (bench/RESULTS.md, consent). Every text goes through Jackson's own
 * string quoting; the time is ISO-8601 with its offset, as Jackson writes an {@code OffsetDateTime}.
 */
final class ProofAnswer {

    private ProofAnswer() {}

    static byte[] of(JdbcConsentRecords.Row row) {
        StringBuilder json = new StringBuilder(320 + row.choices().size() * 32);
        json.append("{\"recordId\":\"").append(row.id()).append("\",\"consentId\":\"").append(row.consentId()).append('"');
        text(json, "bannerVersion", row.bannerVersion());
        text(json, "method", row.method());
        text(json, "site", row.site());
        text(json, "language", row.language());
        text(json, "browser", row.browser());
        json.append(",\"recordedAt\":\"");
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.formatTo(row.recordedAt(), json);
        json.append("\",\"choices\":{");
        boolean first = true;
        for (Map.Entry<String, Boolean> choice : row.choices().entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append('"');
            JsonStringEncoder.getInstance().quoteAsString(choice.getKey(), json);
            json.append("\":").append(choice.getValue().booleanValue());
        }
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void text(StringBuilder json, String name, String value) {
        json.append(",\"").append(name).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        json.append('"');
    }
}
