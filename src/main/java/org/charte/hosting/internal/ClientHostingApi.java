package org.charte.hosting.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.UUID;
import org.charte.common.JdbcRateBuckets;
import org.charte.common.RateLimit;
import org.charte.common.SingleLine;
import org.charte.hosting.HostedDatabases;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client's own doors to their hosted database, with their customer account's access code and
 * password in the body (no session, no cookie: nothing to forge across sites): a sign-in that says
 * whether the proof holds and what is known of the database, and the export. Every refusal looks
 * the same; five failures lock the database's client doors for 15 minutes on every node
 * ({@link ClientAttempts}), and each client address may try {@code charte.hosting.client-rate-limit.capacity}
 * times per {@code charte.hosting.client-rate-limit.refill} across all databases (429 past it).
 */
@RestController
@RequestMapping("/api/v1/client/hosted-databases")
@Tag(name = "Hosting (client)", description = "A client downloads their hosted database until it is destroyed (R5.5)")
class ClientHostingApi {

    private final HostedDatabases databases;
    private final JdbcRateBuckets buckets;
    private final RateLimit limit;

    ClientHostingApi(HostedDatabases databases, JdbcRateBuckets buckets,
            @Value("${charte.hosting.client-rate-limit.capacity:30}") int capacity,
            @Value("${charte.hosting.client-rate-limit.refill:PT10M}") Duration refill) {
        this.databases = databases;
        this.buckets = buckets;
        this.limit = buckets.register(new RateLimit("client-sign-in", capacity, refill));
    }

    record ClientLogin(@Nullable @Size(max = 40) @SingleLine String accessCode, @Nullable @Size(max = 128) @SingleLine String password) {

        @Override
        public String toString() {
            return "ClientLogin[hidden]";
        }
    }

    @PostMapping("/{id}/sign-in")
    @Operation(summary = "Check the customer account's access code and password for one's hosted database: its status and, once the "
            + "contract ended, the day its destruction is due. Wrong proof: 401; five failures in 15 minutes lock the database's client "
            + "doors for 15 minutes on every node (429); too many attempts from one address: 429 with Retry-After")
    ResponseEntity<HostedDatabases.ClientView> signIn(@PathVariable("id") UUID id, @Valid @RequestBody(required = false) @Nullable ClientLogin login,
            HttpServletRequest request) {
        throttle(request);
        return ResponseEntity.ok(databases.signInClient(id, login == null ? null : login.accessCode(), login == null ? null : login.password()));
    }

    @PostMapping("/{id}/export")
    @Operation(summary = "Download one's hosted database (a zip: one CSV per table and a manifest.json) with the customer account's access code "
            + "and password; refused once destroyed (410) or once destruction is due")
    ResponseEntity<byte[]> export(@PathVariable("id") UUID id, @Valid @RequestBody(required = false) @Nullable ClientLogin login,
            HttpServletRequest request) {
        throttle(request);
        return HostingApi.zip(databases.exportForClient(id, login == null ? null : login.accessCode(), login == null ? null : login.password()));
    }

    private void throttle(HttpServletRequest request) {
        if (!buckets.take(limit, request.getRemoteAddr())) {
            throw new ClientThrottledException(limit.retryAfterSeconds());
        }
    }

    /** Too many client attempts from one address. */
    static final class ClientThrottledException extends RuntimeException {

        private final long retryAfterSeconds;

        ClientThrottledException(long retryAfterSeconds) {
            super("too many attempts from this address: try again later");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
