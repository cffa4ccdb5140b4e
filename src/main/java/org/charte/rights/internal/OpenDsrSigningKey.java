package org.charte.rights.internal;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Charte's own OpenDSR signing key (OpenDSR 3.1, 4.2, 6.3): RSA 3072, SHA256withRSA, with its
 * X.509 certificate issued to the processor domain ({@code charte.opendsr.processor-domain}, by
 * default the host of {@code charte.public-url}). Made on first use; kept in
 * {@code opendsr_signing_key}, the private half sealed by the vault under the master key (outside
 * the database), never in clear. Rotatable: {@link #rotate()} retires the current key and makes a
 * new one; a change of processor domain rotates it too. Other nodes see a rotation within a minute.
 */
@Component
class OpenDsrSigningKey {

    static final String ALGORITHM = "RSA";
    static final int BITS = 3072;
    private static final String CONTEXT = "opendsr-signing-key";
    private static final Duration REFRESH = Duration.ofMinutes(1);

    /** The key in use: its id (the first 16 bytes, hex, of the certificate's SHA-256), certificate and private half. */
    record Current(String keyId, X509Certificate certificate, PrivateKey privateKey, Instant loadedAt) {

        @Override
        public String toString() {
            return "OpenDsrSigningKey[" + keyId + "]";
        }
    }

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;
    private final Environment environment;
    private final String configuredDomain;
    private final TransactionTemplate ownTransaction;
    private volatile @Nullable Current current;

    OpenDsrSigningKey(JdbcClient jdbc, Vault vault, Clock clock, Environment environment, PlatformTransactionManager transactions,
            @Value("${charte.opendsr.processor-domain:}") String configuredDomain) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
        this.environment = environment;
        this.configuredDomain = configuredDomain.strip().toLowerCase(Locale.ROOT);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The domain Charte answers OpenDSR on, sent as X-OpenDSR-Processor-Domain and named by the
     * certificate: the one configured, else the host of {@code charte.public-url} (read at each
     * use, as {@link Links} does), else {@code localhost}; never taken from a request.
     */
    String domain() {
        if (!configuredDomain.isEmpty()) {
            return configuredDomain;
        }
        String publicUrl = environment.getProperty(Links.PROPERTY, "").strip();
        String host;
        try {
            host = publicUrl.isEmpty() ? null : URI.create(publicUrl).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        return host == null ? "localhost" : host.toLowerCase(Locale.ROOT);
    }

    /** The key in use, made the first time (and again when the processor domain changed). */
    Current current() {
        Current known = current;
        Instant now = clock.instant();
        if (known != null && known.loadedAt().plus(REFRESH).isAfter(now) && !known.loadedAt().isAfter(now)) {
            return known;
        }
        Optional<Current> stored = load();
        if (stored.isEmpty() || !OpenDsrCertificate.domain(stored.get().certificate()).equals(domain())) {
            ownTransaction.executeWithoutResult(status -> replace());
            stored = load();
        }
        Current loaded = stored.orElseThrow();
        current = loaded;
        return loaded;
    }

    /** Retires the key in use and makes a new one; answers the new key's id. */
    String rotate() {
        ownTransaction.executeWithoutResult(status -> replace());
        current = null;
        return current().keyId();
    }

    /** The base64 SHA256withRSA signature of these bytes by the key in use. */
    String sign(byte[] payload) {
        try {
            Signature signer = Signature.getInstance(OpenDsrCertificate.SIGNATURE_ALGORITHM);
            signer.initSign(current().privateKey());
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the OpenDSR key", e);
        }
    }

    /** The certificates of retired keys still valid, newest first, for controllers that cached one. */
    List<X509Certificate> retired() {
        return jdbc.sql("SELECT certificate FROM opendsr_signing_key WHERE retired_at IS NOT NULL ORDER BY created_at DESC")
                .query((rs, n) -> OpenDsrCertificate.parse(rs.getBytes(1))).list().stream()
                .filter(c -> c.getNotAfter().toInstant().isAfter(clock.instant())).toList();
    }

    private void replace() {
        Instant now = clock.instant();
        jdbc.sql("UPDATE opendsr_signing_key SET retired_at = ? WHERE retired_at IS NULL").param(now.atOffset(ZoneOffset.UTC)).update();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(BITS);
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = OpenDsrCertificate.selfSigned(pair, domain(), now);
            byte[] privateKey = pair.getPrivate().getEncoded();
            byte[] sealed = vault.sealSecret(CONTEXT, privateKey);
            Arrays.fill(privateKey, (byte) 0);
            jdbc.sql("INSERT INTO opendsr_signing_key (key_id, certificate, private_key, created_at) VALUES (?, ?, ?, ?)")
                    .params(keyId(certificate), certificate.getEncoded(), sealed, now.atOffset(ZoneOffset.UTC)).update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the OpenDSR signing key", e);
        }
    }

    private Optional<Current> load() {
        return jdbc.sql("SELECT key_id, certificate, private_key FROM opendsr_signing_key WHERE retired_at IS NULL ORDER BY created_at DESC")
                .query((rs, n) -> new Stored(rs.getString(1), rs.getBytes(2), rs.getBytes(3))).list().stream().findFirst()
                .map(this::opened);
    }

    private record Stored(String keyId, byte[] certificate, byte[] sealedPrivateKey) {}

    private Current opened(Stored stored) {
        byte[] pkcs8 = vault.openSecret(CONTEXT, stored.sealedPrivateKey());
        try {
            PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new Current(stored.keyId().strip(), OpenDsrCertificate.parse(stored.certificate()), privateKey, clock.instant());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the OpenDSR signing key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    static String keyId(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
