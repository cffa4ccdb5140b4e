package org.charte.marketing.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.charte.marketing.UnsubscribeToken;
import org.charte.policy.MarketingChannel;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The unsubscribe links (L5, L9): tokens signed by the vault's key of signed links, under
 * {@code charte.public-url} (the HTTPS address people reach Charte at; only where it is not set, an
 * embedded test, the address of the request being answered).
 */
@Component
class UnsubscribeLinks {

    static final String PATH = "/u/";

    private final UnsubscribeToken tokens;
    private final Environment environment;
    private final Clock clock;

    UnsubscribeLinks(Vault vault, Environment environment, Clock clock) {
        this.tokens = new UnsubscribeToken(vault::linkSignature);
        this.environment = environment;
        this.clock = clock;
    }

    String url(UUID subjectId, MarketingChannel channel, @Nullable String purpose) {
        return base() + PATH + tokens.issue(subjectId, channel, purpose, clock.instant());
    }

    Optional<UnsubscribeToken.Claims> verify(@Nullable String token) {
        return tokens.verify(token, clock.instant());
    }

    private String base() {
        String publicUrl = environment.getProperty("charte.public-url", "").strip();
        if (!publicUrl.isEmpty()) {
            return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes) {
            return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        }
        throw new IllegalStateException("charte.public-url (environment variable CHARTE_PUBLIC_URL) is not set: "
                + "a marketing mail cannot say where to unsubscribe");
    }
}
