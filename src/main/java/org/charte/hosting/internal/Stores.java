package org.charte.hosting.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.charte.policy.Policy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

/**
 * The configured data stores: where each is (checked against the policy at start-up, R7.1) and
 * how to reach it. A store without a URL is the platform database itself.
 */
@Component
class Stores {

    private final HostingProperties properties;
    private final DataSource platform;
    private final String platformUrl;
    private final Map<String, DataSource> separate = new ConcurrentHashMap<>();

    Stores(HostingProperties properties, DataSource platform, Policy policy, @Value("${spring.datasource.url}") String platformUrl) {
        this.properties = properties;
        this.platform = platform;
        this.platformUrl = platformUrl;
        List<String> problems = StoreLocations.startupProblems(policy.storage(), locations());
        if (!problems.isEmpty()) {
            throw new HostingConfigurationException(problems);
        }
    }

    /** Store id → location, as configured. */
    Map<String, String> locations() {
        Map<String, String> locations = new LinkedHashMap<>();
        properties.stores().forEach((id, store) -> locations.put(id, store.location() == null ? "" : store.location()));
        return locations;
    }

    String defaultStore() {
        return properties.defaultStore();
    }

    boolean provisionOnSubscription() {
        return properties.provisionOnSubscription();
    }

    /** Whether the store is the platform database (DDL then runs in the caller's transaction). */
    boolean isPlatform(String storeId) {
        HostingProperties.Store store = properties.stores().get(storeId);
        return store == null || store.url() == null || store.url().isBlank();
    }

    /** The store's administrator connection, for creating and dropping schemas and logins. */
    JdbcTemplate admin(String storeId) {
        if (isPlatform(storeId)) {
            return new JdbcTemplate(platform);
        }
        return new JdbcTemplate(separate.computeIfAbsent(storeId, id -> {
            HostingProperties.Store store = properties.stores().get(id);
            return new DriverManagerDataSource(store.url(), store.username() == null ? "" : store.username(),
                    store.password() == null ? "" : store.password());
        }));
    }

    /** The URL a client connects to: the store's, without any user or password in it. */
    String clientUrl(String storeId) {
        HostingProperties.Store store = properties.stores().get(storeId);
        return withoutCredentials(isPlatform(storeId) ? platformUrl : store.url());
    }

    Dialect dialect(String storeId) {
        return Dialect.of(clientUrl(storeId));
    }

    /** Removes {@code user} and {@code password} settings from a JDBC URL (query style, or H2's {@code ;KEY=value}). */
    static String withoutCredentials(String url) {
        String result = url;
        int query = result.indexOf('?');
        if (query >= 0) {
            String kept = Arrays.stream(result.substring(query + 1).split("&"))
                    .filter(p -> !isCredential(p)).collect(Collectors.joining("&"));
            result = result.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
        }
        if (result.startsWith("jdbc:h2:")) {
            // Only connection settings: a database setting (DB_CLOSE_DELAY, MODE...) needs admin rights a client has not.
            String[] parts = result.split(";");
            StringBuilder kept = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                String key = parts[i].contains("=") ? parts[i].substring(0, parts[i].indexOf('=')).strip().toUpperCase(Locale.ROOT) : "";
                if (key.equals("AUTO_SERVER") || key.equals("AUTO_SERVER_PORT")) {
                    kept.append(';').append(parts[i]);
                }
            }
            result = kept.append(";IFEXISTS=TRUE").toString();
        }
        return result;
    }

    private static boolean isCredential(String setting) {
        String key = setting.contains("=") ? setting.substring(0, setting.indexOf('=')) : setting;
        key = key.strip().toLowerCase(Locale.ROOT);
        return key.equals("user") || key.equals("password") || key.equals("username");
    }
}
