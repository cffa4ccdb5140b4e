package org.charte.mail.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.mail.DoorOut;
import org.charte.mail.ExitChannel;
import org.charte.mail.Passage;
import org.charte.mail.RecipientRefusedException;
import org.charte.mail.RecipientRule;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The door out ({@link DoorOut}): the rule, the audit entry, and the one HTTP client of Charte.
 * The audit log commits its entries in their own transaction: a refusal stays recorded when the
 * caller's work rolls back.
 */
@Service
class Gateway implements DoorOut {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final String RESOURCE = "outbound";

    private final RecipientRule rule;
    private final AuditLog audit;
    private final Set<String> allowedHosts;
    private final Duration timeout;
    private volatile @Nullable HttpClient http;

    Gateway(Policy policy, AuditLog audit, @Value("${charte.outbound.allowed-hosts:}") List<String> allowedHosts,
            @Value("${charte.outbound.timeout:PT10S}") Duration timeout) {
        this.rule = new RecipientRule(policy);
        this.audit = audit;
        this.allowedHosts = allowedHosts.stream().map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.timeout = timeout;
    }

    @Override
    public void pass(ExitChannel channel, Passage passage) {
        Optional<String> refusal = rule.refusal(passage.to(), passage.purpose());
        if (refusal.isPresent()) {
            refuse(channel, passage, refusal.get());
        }
        audit.append(AuditEvent.allowed(passage.actor(), channel.action(), passage.purpose(), RESOURCE, passage.to().category(),
                passage.subjectId(), List.of()));
    }

    @Override
    public HttpExit post(URI target, byte[] body, Map<String, String> headers, Passage passage) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            refuse(ExitChannel.HTTP, passage, "an HTTP exit goes to an http or https address");
        }
        if (!allowedHosts.contains(host)) {
            refuse(ExitChannel.HTTP, passage, "the host is not on charte.outbound.allowed-hosts");
        }
        // built first: a header the client refuses fails here, before anything is recorded as let out
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        pass(ExitChannel.HTTP, passage);
        try {
            HttpResponse<Void> answer = client().send(request, HttpResponse.BodyHandlers.discarding());
            return new HttpExit(answer.statusCode());
        } catch (IOException e) {
            LOG.warn("An outbound post for {} failed ({})", passage.purpose(), e.getClass().getSimpleName());
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while posting"));
        }
    }

    private void refuse(ExitChannel channel, Passage passage, String reason) {
        audit.append(AuditEvent.denied(passage.actor(), channel.action(), passage.purpose(), RESOURCE, passage.to().category(),
                passage.subjectId(), List.of(), reason));
        throw new RecipientRefusedException(reason);
    }

    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
                    http = client;
                }
            }
        }
        return client;
    }
}
