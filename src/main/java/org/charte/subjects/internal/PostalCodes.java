package org.charte.subjects.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The official list of French postal codes and their communes (resource
 * {@code subjects/postal-codes.csv.gz}; source and licence in {@code subjects/README.md}), read
 * once, on first use. A commune matches whatever its accents, case, hyphens and apostrophes, and with
 * {@code Saint}/{@code St} written either way; Paris, Lyon and Marseille also match by their
 * routing label ({@code PARIS} for 75011).
 */
@Component
class PostalCodes {

    private record Commune(String name, String key) {}

    private volatile @Nullable Map<String, List<Commune>> byCode;

    private Map<String, List<Commune>> byCode() {
        Map<String, List<Commune>> loaded = byCode;
        if (loaded == null) {
            synchronized (this) {
                loaded = byCode;
                if (loaded == null) {
                    loaded = load("subjects/postal-codes.csv.gz");
                    byCode = loaded;
                }
            }
        }
        return loaded;
    }

    private static Map<String, List<Commune>> load(String resource) {
        Map<String, List<Commune>> byCode = new HashMap<>(8192);
        try (InputStream raw = PostalCodes.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(";");
                List<Commune> communes = byCode.computeIfAbsent(fields[0], k -> new ArrayList<>(2));
                communes.add(new Commune(fields[1], key(fields[1])));
                if (fields.length > 2) {
                    communes.add(new Commune(fields[2], key(fields[2])));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return Map.copyOf(byCode);
    }

    /** How communes are compared: folded, punctuation as spaces, Saint and Sainte abbreviated. */
    static String key(String commune) {
        String folded = WordListScreen.fold(commune).replaceAll("[^a-z0-9]+", " ").strip();
        return (" " + folded + " ").replace(" saint ", " st ").replace(" sainte ", " ste ").strip();
    }

    boolean exists(String postalCode) {
        return byCode().containsKey(postalCode);
    }

    /** The commune's official name if it has that postal code. */
    Optional<String> commune(String postalCode, String commune) {
        String key = key(commune);
        return byCode().getOrDefault(postalCode, List.of()).stream().filter(c -> c.key().equals(key)).map(Commune::name).findFirst();
    }

    /** Every (postal code, commune) pair of the list, in a stable order: what synthetic addresses are drawn from. */
    List<Map.Entry<String, String>> pairs() {
        List<Map.Entry<String, String>> loaded = pairs;
        if (loaded == null) {
            List<Map.Entry<String, String>> all = new ArrayList<>();
            byCode().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> e.getValue().stream().filter(c -> !c.name().equals(c.name().toUpperCase(Locale.ROOT)))
                            .forEach(c -> all.add(Map.entry(e.getKey(), c.name()))));
            loaded = List.copyOf(all);
            pairs = loaded;
        }
        return loaded;
    }

    private volatile @Nullable List<Map.Entry<String, String>> pairs;

    int size() {
        return byCode().size();
    }
}
