package org.charte.rights.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.policy.Policy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenDSR status callbacks (OpenDSR 8.5-8.7): every status a request reaches (pending,
 * in_progress, completed or cancelled) is posted to each of its {@code status_callback_urls}, in
 * the specification's body, signed like every OpenDSR response. Durable: a status change is found
 * by comparing the request's status now with the last one queued ({@code notified_status}), each
 * call is a row of {@code opendsr_callback}, retried with exponential backoff
 * ({@code charte.opendsr.callbacks.backoff} doubled at each failure, at most
 * {@code charte.opendsr.callbacks.max-attempts} calls), so a restart loses nothing. Only hosts of
 * the allow-list are ever called.
 */
@Service
class OpenDsrCallbacks {

    private static final Logger log = LoggerFactory.getLogger(OpenDsrCallbacks.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration MAX_BACKOFF = Duration.ofHours(6);
    static final int BATCH = 50;

    record Body(@JsonProperty("controller_id") String controllerId,
            @JsonProperty("expected_completion_time") Instant expectedCompletionTime,
            @JsonProperty("status_callback_url") String statusCallbackUrl, @JsonProperty("subject_request_id") UUID subjectRequestId,
            @JsonProperty("request_status") String requestStatus) {}

    private record Due(UUID id, String url, String body, int attempts, OffsetDateTime nextAttemptAt) {}

    private final OpenDsrRequests openDsr;
    private final OpenDsrSigningKey key;
    private final OpenDsrCallbackSender sender;
    private final JdbcClient jdbc;
    private final Policy policy;
    private final JsonMapper json;
    private final Clock clock;
    private final OpenDsrCallbackHosts hosts;
    private final Duration backoff;
    private final int maxAttempts;

    OpenDsrCallbacks(OpenDsrRequests openDsr, OpenDsrSigningKey key, OpenDsrCallbackSender sender, JdbcClient jdbc, Policy policy,
            JsonMapper json, Clock clock, @Value("${charte.opendsr.callback-allowed-hosts:}") String allowedHosts,
            @Value("${charte.opendsr.callback-plain-http:false}") boolean plainHttp,
            @Value("${charte.opendsr.callbacks.backoff:PT30S}") Duration backoff,
            @Value("${charte.opendsr.callbacks.max-attempts:10}") int maxAttempts) {
        this.openDsr = openDsr;
        this.key = key;
        this.sender = sender;
        this.jdbc = jdbc;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
        this.hosts = OpenDsrCallbackHosts.of(allowedHosts, plainHttp);
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    OpenDsrCallbackHosts hosts() {
        return hosts;
    }

    /** Queues the callbacks of every status change not yet queued, for every request that named callbacks. */
    void queueChanges() {
        List<UUID> ids = jdbc.sql("""
                SELECT subject_request_id FROM opendsr_request
                WHERE status_callback_urls IS NOT NULL AND (notified_status IS NULL OR notified_status NOT IN ('completed', 'cancelled'))""")
                .query(UUID.class).list();
        ids.forEach(this::queue);
    }

    /** Queues one request's status changes not yet queued: each status it went through since, in order. */
    @Transactional
    void queue(UUID subjectRequestId) {
        OpenDsrRequests.Filed filed = openDsr.find(subjectRequestId).orElse(null);
        if (filed == null || filed.statusCallbackUrls().isEmpty()) {
            return;
        }
        RightsRequest request = openDsr.outcome(filed).request();
        List<String> reached = reached(request);
        String notified = jdbc.sql("SELECT notified_status FROM opendsr_request WHERE subject_request_id = ?").param(subjectRequestId)
                .query(String.class).optional().orElse(null);
        List<String> news = reached.subList(notified == null ? 0 : reached.indexOf(notified) + 1, reached.size());
        if (news.isEmpty()) {
            return;
        }
        String last = news.getLast();
        int claimed = notified == null
                ? jdbc.sql("UPDATE opendsr_request SET notified_status = ? WHERE subject_request_id = ? AND notified_status IS NULL")
                        .params(last, subjectRequestId).update()
                : jdbc.sql("UPDATE opendsr_request SET notified_status = ? WHERE subject_request_id = ? AND notified_status = ?")
                        .params(last, subjectRequestId, notified).update();
        if (claimed == 0) {
            return; // another node queued them
        }
        Instant now = clock.instant();
        String controllerId = OpenDsrRequests.controllerId(policy);
        Instant expected = openDsr.expectedCompletion(request);
        for (String status : news) {
            for (String url : filed.statusCallbackUrls()) {
                String body = json.writeValueAsString(new Body(controllerId, expected, url, subjectRequestId, status));
                try {
                    jdbc.sql("""
                            INSERT INTO opendsr_callback (id, subject_request_id, url, request_status, body, created_at, next_attempt_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                            .params(UUID.randomUUID(), subjectRequestId, url, status, body, utc(now), utc(now)).update();
                } catch (DuplicateKeyException already) {
                    // queued before
                }
            }
        }
    }

    /** The statuses a request went through, in order: pending, in_progress once the person proved who they are, then its end. */
    static List<String> reached(RightsRequest request) {
        List<String> reached = new ArrayList<>(List.of("pending"));
        if (request.verifiedAt() != null) {
            reached.add("in_progress");
        }
        String now = OpenDsrRequests.status(request);
        if (!reached.contains(now)) {
            reached.add(now);
        }
        return reached;
    }

    /** Calls what is due, each claimed first (another node skips it), then records the answer. */
    void deliverDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                SELECT id, url, body, attempts, next_attempt_at FROM opendsr_callback
                WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ?
                ORDER BY next_attempt_at""")
                .param(utc(now)).query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class)))
                .list().stream().limit(BATCH).toList();
        for (Due callback : due) {
            int claimed = jdbc.sql("UPDATE opendsr_callback SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ? AND sent_at IS NULL")
                    .params(utc(now.plus(LEASE)), callback.id(), callback.nextAttemptAt()).update();
            if (claimed == 1) {
                deliver(callback);
            }
        }
    }

    private void deliver(Due callback) {
        URI url = URI.create(callback.url());
        if (!hosts.allows(url)) {
            jdbc.sql("UPDATE opendsr_callback SET given_up_at = ? WHERE id = ?").params(utc(clock.instant()), callback.id()).update();
            log.warn("OpenDSR callback {} not sent: its host is not (or no longer) in charte.opendsr.callback-allowed-hosts", callback.id());
            return;
        }
        byte[] body = callback.body().getBytes(StandardCharsets.UTF_8);
        String signature = key.sign(body);
        String domain = key.domain();
        int status = sender.post(url, body, Map.of(OpenDsrSignatures.DOMAIN, domain, OpenDsrSignatures.SIGNATURE, signature));
        int attempts = callback.attempts() + 1;
        Instant now = clock.instant();
        if (status >= 200 && status < 300) {
            jdbc.sql("UPDATE opendsr_callback SET attempts = ?, last_status_code = ?, sent_at = ? WHERE id = ?")
                    .params(attempts, status, utc(now), callback.id()).update();
        } else if (attempts >= maxAttempts) {
            jdbc.sql("UPDATE opendsr_callback SET attempts = ?, last_status_code = ?, given_up_at = ? WHERE id = ?")
                    .params(attempts, status, utc(now), callback.id()).update();
            log.warn("OpenDSR callback {} given up after {} attempts (last answer {})", callback.id(), attempts, status);
        } else {
            jdbc.sql("UPDATE opendsr_callback SET attempts = ?, last_status_code = ?, next_attempt_at = ? WHERE id = ?")
                    .params(attempts, status, utc(now.plus(delay(backoff, attempts))), callback.id()).update();
        }
    }

    /** The wait after the n-th failed call: the base doubled each time, six hours at most. */
    static Duration delay(Duration base, int failures) {
        Duration delay = base.multipliedBy(1L << Math.min(20, Math.max(0, failures - 1)));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
