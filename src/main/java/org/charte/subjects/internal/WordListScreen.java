package org.charte.subjects.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.subjects.Screening;
import org.charte.subjects.SensitiveCategory;
import org.charte.subjects.SensitiveDataScreen;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The screen as word lists: {@code subjects/sensitive/<category>_<fr|en>.txt}, one word or phrase
 * a line. Texts and entries are cut into words (letters and digits) and folded (accents and case
 * removed, œ and æ spelled out), then matched word for word; an entry word ending in {@code *}
 * matches any word it begins. An entry starting with {@code ~} is a word that is also a common
 * surname or place name (Gay, rue des Juifs): it is looked for in free text only, not in names
 * and addresses, where it would refuse ordinary people.
 */
@Component
class WordListScreen implements SensitiveDataScreen {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** One entry: its folded words (the last ones may be prefixes), its category, free text only or not. */
    record Entry(String[] words, boolean[] prefix, SensitiveCategory category, boolean freeTextOnly) {}

    private final Map<String, List<Entry>> byFirstWord = new HashMap<>();
    private final List<Entry> byFirstPrefix = new ArrayList<>();
    private final AuditLog audit;

    WordListScreen(AuditLog audit) {
        this.audit = audit;
        for (SensitiveCategory category : SensitiveCategory.values()) {
            for (String language : List.of("fr", "en")) {
                load(category, "subjects/sensitive/" + category.code() + "_" + language + ".txt");
            }
        }
    }

    private void load(SensitiveCategory category, String resource) {
        try (InputStream in = WordListScreen.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing word list " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                boolean freeTextOnly = entry.startsWith("~");
                List<String> words = new ArrayList<>();
                List<Boolean> prefixes = new ArrayList<>();
                for (String raw : entry.replace("~", "").split("\\s+|(?<=\\p{L})[-'’](?=\\p{L})")) {
                    boolean prefix = raw.endsWith("*");
                    Matcher m = WORD.matcher(raw);
                    while (m.find()) {
                        words.add(fold(m.group()));
                        prefixes.add(false);
                    }
                    if (prefix && !prefixes.isEmpty()) {
                        prefixes.set(prefixes.size() - 1, true);
                    }
                }
                if (words.isEmpty()) {
                    continue;
                }
                boolean[] prefix = new boolean[prefixes.size()];
                for (int i = 0; i < prefix.length; i++) {
                    prefix[i] = prefixes.get(i);
                }
                Entry e = new Entry(words.toArray(String[]::new), prefix, category, freeTextOnly);
                if (prefix[0]) {
                    byFirstPrefix.add(e);
                } else {
                    byFirstWord.computeIfAbsent(e.words()[0], k -> new ArrayList<>()).add(e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read word list " + resource, e);
        }
    }

    /** Lower case, without accents; ligatures spelled out. */
    static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
        return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    private record Token(String folded, int start, int end) {}

    @Override
    public Screening screen(String text) {
        return screen(text, true);
    }

    /**
     * Screens a text: free text against every entry, a structured field (a name, an address line)
     * without the entries that are also common surnames or place names.
     */
    Screening screen(String text, boolean freeText) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            tokens.add(new Token(fold(m.group()), m.start(), m.end()));
        }
        Set<SensitiveCategory> found = EnumSet.noneOf(SensitiveCategory.class);
        StringBuilder redacted = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); ) {
            Entry best = null;
            for (Entry candidate : candidates(tokens.get(i).folded())) {
                if ((freeText || !candidate.freeTextOnly()) && matches(candidate, tokens, i)
                        && (best == null || candidate.words().length > best.words().length)) {
                    best = candidate;
                }
            }
            if (best == null) {
                i++;
                continue;
            }
            found.add(best.category());
            Token first = tokens.get(i);
            Token last = tokens.get(i + best.words().length - 1);
            redacted.append(text, copied, first.start()).append(REDACTED);
            copied = last.end();
            i += best.words().length;
        }
        redacted.append(text, copied, text.length());
        return new Screening(found, found.isEmpty() ? text : redacted.toString());
    }

    private List<Entry> candidates(String word) {
        List<Entry> exact = byFirstWord.get(word);
        List<Entry> all = new ArrayList<>(exact == null ? List.of() : exact);
        for (Entry e : byFirstPrefix) {
            if (word.startsWith(e.words()[0])) {
                all.add(e);
            }
        }
        return all;
    }

    private static boolean matches(Entry entry, List<Token> tokens, int at) {
        if (at + entry.words().length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < entry.words().length; k++) {
            String word = tokens.get(at + k).folded();
            boolean ok = entry.prefix()[k] ? word.startsWith(entry.words()[k]) : word.equals(entry.words()[k]);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void record(Screening screening, Handling handling, String actor, String resourceType, @Nullable String resourceId,
            @Nullable UUID subjectId) {
        if (screening.clean()) {
            return;
        }
        audit.append(new AuditEvent(actor, "screen", null, resourceType, resourceId, subjectId, screening.codes(),
                handling == Handling.REFUSED ? AuditOutcome.DENIED : AuditOutcome.ALLOWED,
                handling == Handling.REFUSED ? "sensitive data refused in a structured field" : "sensitive data redacted from free text"));
    }
}
