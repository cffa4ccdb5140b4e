package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.common.Ids;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The group commit of the proofs of cookie choices (L3, R9.11) on the real database (H2, and
 * PostgreSQL in the db suite): many choices at once are each acknowledged only once stored, and a
 * batch that fails stores none of its proofs and tells each of its requests.
 */
class ConsentWriterTests extends RightsTestBase {

    static final String SITE = "https://www.gestan-demo.example";

    @Autowired ConsentWriter writer;
    @Autowired Ids ids;
    @Autowired JdbcClient jdbc;
    @Autowired ConsentApi api;
    @Autowired ConsentProofs proofs;
    @Autowired JdbcConsentRecords rows;

    String version(Http http) {
        Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(http.get("/consent/v1/consent.js").body());
        assertThat(v.find()).isTrue();
        return v.group(1);
    }

    static String choice(UUID consentId, String version, boolean audience) {
        return Json.write(Map.of("consentId", consentId.toString(), "bannerVersion", version, "method", "banner", "site", SITE,
                "language", "en", "choices", Map.of("audience", audience, "social-sharing", false)));
    }

    long stored(UUID consentId) {
        return jdbc.sql("SELECT choices FROM consent_record WHERE consent_id = ?").param(consentId).query(String.class).list().stream()
                .mapToLong(choices -> StoredChoices.of(choices).size()).sum();
    }

    @Test
    @DisplayName("L3 R9.11 choices posted at the same moment by many browsers are each acknowledged (201) only once stored, and each is stored with its choices")
    void concurrentChoicesAllAcknowledgedAndStored() throws Exception {
        String version = version(new Http(port));
        int posts = 120;
        List<UUID> consentIds = new ArrayList<>();
        for (int i = 0; i < posts; i++) {
            consentIds.add(UUID.randomUUID());
        }
        long batchesBefore = writer.batches();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map.Entry<Integer, Long>>> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < posts; i++) {
                UUID consentId = consentIds.get(i);
                boolean audience = i % 2 == 0;
                answers.add(callers.submit(() -> {
                    Http http = new Http(port);
                    start.await();
                    HttpResponse<String> response = http.raw("POST", "/consent/v1/records", "application/json",
                            choice(consentId, version, audience).getBytes(StandardCharsets.UTF_8));
                    // What an acknowledgement promises is checked the moment it arrives: the proof is there.
                    return Map.entry(response.statusCode(), response.statusCode() == 201 ? stored(consentId) : -1L);
                }));
            }
            start.countDown();
            for (Future<Map.Entry<Integer, Long>> answer : answers) {
                assertThat(answer.get().getKey()).as("acknowledged").isEqualTo(201);
                assertThat(answer.get().getValue()).as("stored with its two choices when acknowledged").isEqualTo(2);
            }
        }
        for (int i = 0; i < posts; i++) {
            assertThat(StoredChoices.of(jdbc.sql("SELECT choices FROM consent_record WHERE consent_id = ?").param(consentIds.get(i))
                    .query(String.class).single()).get("audience"))
                    .as("each proof keeps its own choice").isEqualTo(i % 2 == 0);
        }
        assertThat(writer.batches() - batchesBefore).as("committed in batches, never more than one per choice").isBetween(1L, (long) posts);
    }

    JdbcConsentRecords.Row row(UUID id, UUID consentId, String version) {
        Map<String, Boolean> choices = new LinkedHashMap<>();
        choices.put("audience", true);
        choices.put("social-sharing", false);
        return new JdbcConsentRecords.Row(id, consentId, version, "banner", SITE, "fr", "firefox", OffsetDateTime.now(clock), choices);
    }

    @Test
    @DisplayName("L3 a batch is one transaction: all its proofs stored and each request answered; when it fails, each proof is written again alone, so that only the bad one is refused (nothing of it stored) and the others are stored and acknowledged, the proofs acknowledged before untouched")
    void failingBatchFailsOnlyItsBadProof() {
        Http http = new Http(port);
        String version = version(http);
        UUID earlier = UUID.randomUUID();
        HttpResponse<String> created = http.raw("POST", "/consent/v1/records", "application/json",
                choice(earlier, version, true).getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
        UUID earlierRecord = UUID.fromString(Json.of(created).path("recordId").asString());

        List<JdbcConsentRecords.Row> good = List.of(row(ids.next(), UUID.randomUUID(), version), row(ids.next(), UUID.randomUUID(), version),
                row(ids.next(), UUID.randomUUID(), version));
        List<CompletableFuture<Void>> answers = writer.writeBatch(good);
        for (int i = 0; i < good.size(); i++) {
            assertThat(answers.get(i)).as("answered after the commit").isCompleted().isNotCompletedExceptionally();
            assertThat(stored(good.get(i).consentId())).isEqualTo(2);
        }

        // The third proof reuses the record id and time of the one stored above (the key of a table partitioned by
        // time, on PostgreSQL, holds both): the database refuses it, so the batch's transaction fails.
        OffsetDateTime earlierAt = jdbc.sql("SELECT recorded_at FROM consent_record WHERE id = ?").param(earlierRecord).query(OffsetDateTime.class).single();
        JdbcConsentRecords.Row clash = row(earlierRecord, UUID.randomUUID(), version);
        clash = new JdbcConsentRecords.Row(clash.id(), clash.consentId(), clash.bannerVersion(), clash.method(), clash.site(), clash.language(),
                clash.browser(), earlierAt, clash.choices());
        List<JdbcConsentRecords.Row> batch = List.of(row(ids.next(), UUID.randomUUID(), version), row(ids.next(), UUID.randomUUID(), version),
                clash, row(ids.next(), UUID.randomUUID(), version));
        long batchesBefore = writer.batches();
        answers = writer.writeBatch(batch);
        assertThat(writer.batches() - batchesBefore).as("the batch, then each proof alone").isEqualTo(1 + batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (i == 2) {
                assertThat(answers.get(i)).as("the bad proof's request is told").isCompletedExceptionally();
                assertThat(catchCause(answers.get(i))).isInstanceOf(ConsentWriter.NotRecordedException.class);
                assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE consent_id = ?").param(batch.get(i).consentId()).query(Long.class).single())
                        .as("nothing of the bad proof is stored").isZero();
            } else {
                assertThat(answers.get(i)).as("the other proofs of the batch are acknowledged").isCompleted().isNotCompletedExceptionally();
                assertThat(stored(batch.get(i).consentId())).as("and stored with their choices").isEqualTo(2);
            }
        }
        assertThat(jdbc.sql("SELECT consent_id FROM consent_record WHERE id = ?").param(earlierRecord).query(UUID.class).single())
                .as("the proof acknowledged before is untouched").isEqualTo(earlier);
        assertThat(stored(earlier)).isEqualTo(2);

        HttpResponse<String> after = http.raw("POST", "/consent/v1/records", "application/json",
                choice(UUID.randomUUID(), version, false).getBytes(StandardCharsets.UTF_8));
        assertThat(after.statusCode()).as("the writer goes on after a failed batch").isEqualTo(201);
    }

    Map<String, Boolean> storedChoices(UUID recordId) {
        return StoredChoices.of(jdbc.sql("SELECT choices FROM consent_record WHERE id = ?").param(recordId).query(String.class).single());
    }

    @Test
    @DisplayName("L3 R9.11 R5.4 each proof keeps its choices in its own row (V53: one row per proof, no consent_choice on either database): "
            + "a batch of many sizes writes each proof with exactly its choices, in their order, whatever the purposes' characters; "
            + "a failed batch keeps nothing of its bad proof; the retention's erasure takes each proof whole")
    void choicesInTheirProof() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) LIKE 'consent_choice%'").query(Long.class).single())
                .as("no table of choices beside the proofs").isZero();
        String version = version(new Http(port));
        // More proofs than one statement takes (JdbcConsentRecords.ROWS_PER_STATEMENT), with one to four choices each
        List<JdbcConsentRecords.Row> batch = new ArrayList<>();
        for (int i = 0; i < JdbcConsentRecords.ROWS_PER_STATEMENT + 37; i++) {
            Map<String, Boolean> choices = new LinkedHashMap<>();
            if (i % 3 != 0) {
                choices.put("social-sharing", i % 5 == 0);
            }
            choices.put("audience", i % 2 == 0);
            if (i % 7 == 0) {
                choices.put("purpose-" + i, true);
            }
            if (i % 11 == 0) {
                choices.put("l'\"ouïe\\ \u0001 ✓ " + "x".repeat(i % 50), i % 4 == 0);
            }
            batch.add(new JdbcConsentRecords.Row(ids.next(), UUID.randomUUID(), version, "banner", SITE, "fr", "firefox", OffsetDateTime.now(clock),
                    choices));
        }
        for (CompletableFuture<Void> answer : writer.writeBatch(batch)) {
            assertThat(answer).isCompleted().isNotCompletedExceptionally();
        }
        for (JdbcConsentRecords.Row row : batch) {
            assertThat(storedChoices(row.id())).as("each proof with exactly its own choices, in their order").containsExactlyEntriesOf(row.choices());
        }
        JdbcConsentRecords.Row read = rows.byConsentId(batch.get(77).consentId(), 10).getFirst();
        assertThat(read).as("read back by its consent id as written").usingRecursiveComparison().ignoringFields("recordedAt").isEqualTo(batch.get(77));
        assertThat(read.choices()).containsExactlyEntriesOf(batch.get(77).choices());

        // A batch whose proof clashes with a stored one: refused alone, nothing of it kept
        JdbcConsentRecords.Row first = batch.getFirst();
        JdbcConsentRecords.Row clash = new JdbcConsentRecords.Row(first.id(), UUID.randomUUID(), version, "banner", SITE, "fr", "firefox",
                first.recordedAt(), Map.of("audience", false, "other", true));
        List<CompletableFuture<Void>> answers = writer.writeBatch(List.of(row(ids.next(), UUID.randomUUID(), version), clash));
        assertThat(answers.get(0)).isCompleted().isNotCompletedExceptionally();
        assertThat(answers.get(1)).isCompletedExceptionally();
        assertThat(storedChoices(first.id())).as("the refused proof's choices are not kept").containsExactlyEntriesOf(first.choices());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE consent_id = ?").param(clash.consentId()).query(Long.class).single()).isZero();

        List<UUID> erased = batch.subList(0, 50).stream().map(JdbcConsentRecords.Row::id).toList();
        assertThat(proofs.erase(erased)).as("the proofs, their choices with them").isEqualTo(erased.size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE id IN (:ids)").param("ids", erased).query(Long.class).single()).isZero();
        assertThat(storedChoices(batch.get(50).id())).as("the next proof stays").containsExactlyEntriesOf(batch.get(50).choices());
    }

    @Test
    @DisplayName("L3 a choice its batch failed to store is answered 503 problem+json with Retry-After, saying nothing was kept and naming no value")
    void notRecordedAnswer() {
        ResponseEntity<ProblemDetail> answer = api.notRecorded(new ConsentWriter.NotRecordedException(new IllegalStateException("xyzzy")));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).isNotNull();
        assertThat(answer.getBody().getDetail()).contains("not recorded").contains("again").doesNotContain("xyzzy");
    }

    static Throwable catchCause(CompletableFuture<Void> done) {
        try {
            done.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("completed normally");
    }
}
