package org.charte.subjects.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The screen as word lists: {@code subjects/sensitive/<category>_<fr|en>.txt}, one word or phrase
 * a line. Texts and entries are cut into words (letters and digits) and folded (accents and case
 * removed, œ and æ spelled out), then matched word for word; an entry word ending in {@code *}
 * matches any word it begins.
 *
 * <p>Free text (notes, support messages, "other information") is screened against every entry.
 * A structured field (a name, an address line) is screened only against the entries marked
 * {@code !}: phrases that say something about a person and can be neither a name nor a place
 * ({@code orientation sexuelle}, {@code dossier médical}). A single word is never refused there:
 * Juif and Catholique are surnames, rue des Malades a street, Cancer Research UK a charity.
 *
 * <p>The DPO's accepted phrases ({@link AcceptedPhraseSource}, false positives reviewed and
 * accepted) are looked for first: the words they cover are matched by no entry, in free text and
 * structured fields alike.
 */
@Component
class WordListScreen implements SensitiveDataScreen {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** One entry: its folded words (the last ones may be prefixes), its category, refused in structured fields or not. */
    record Entry(String[] words, boolean[] prefix, SensitiveCategory category, boolean structured) {}

    private final Map<String, List<Entry>> byFirstWord = new HashMap<>();
    private final List<Entry> byFirstPrefix = new ArrayList<>();
    private final AuditLog audit;
    private final AcceptedPhraseSource accepted;

    /** The screen without accepted phrases: what the word lists alone find. */
    WordListScreen(AuditLog audit) {
        this(audit, List::of);
    }

    @Autowired
    WordListScreen(AuditLog audit, AcceptedPhraseSource accepted) {
        this.audit = audit;
        this.accepted = accepted;
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
                boolean structured = entry.startsWith("!");
                List<String> words = new ArrayList<>();
                List<Boolean> prefixes = new ArrayList<>();
                for (String raw : (structured ? entry.substring(1) : entry).split("\\s+|(?<=\\p{L})[-'’](?=\\p{L})")) {
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
                Entry e = new Entry(words.toArray(String[]::new), prefix, category, structured);
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

    /** A text's words, folded as the screen matches them: how an accepted phrase is kept. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(fold(m.group()));
        }
        return words;
    }

    /** Whether some entry matches the whole of these folded words and nothing more: a bare entry, not a phrase around one. */
    boolean isEntry(List<String> words) {
        if (words.isEmpty()) {
            return false;
        }
        List<Token> tokens = new ArrayList<>();
        for (String word : words) {
            tokens.add(new Token(word, 0, 0));
        }
        for (Entry candidate : candidates(words.getFirst())) {
            if (candidate.words().length == words.size() && matches(candidate, tokens, 0)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Screening screen(String text) {
        return screen(text, true);
    }

    /**
     * Screens a text: free text against every entry, a structured field (a name, an address line)
     * against the unambiguous phrases only; the words of an accepted phrase against none.
     */
    Screening screen(String text, boolean freeText) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            tokens.add(new Token(fold(m.group()), m.start(), m.end()));
        }
        boolean[] exempt = acceptedWords(tokens);
        Set<SensitiveCategory> found = EnumSet.noneOf(SensitiveCategory.class);
        StringBuilder redacted = new StringBuilder();
        int copied = 0;
        for (int i = 0; i < tokens.size(); ) {
            Entry best = null;
            for (Entry candidate : candidates(tokens.get(i).folded())) {
                if ((freeText || candidate.structured()) && matches(candidate, tokens, i) && !covers(exempt, i, candidate.words().length)
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

    /** The words that an accepted phrase covers. */
    private boolean[] acceptedWords(List<Token> tokens) {
        boolean[] exempt = new boolean[tokens.size()];
        for (List<String> phrase : accepted.foldedPhrases()) {
            for (int i = 0; i + phrase.size() <= tokens.size(); i++) {
                boolean same = true;
                for (int k = 0; k < phrase.size() && same; k++) {
                    same = tokens.get(i + k).folded().equals(phrase.get(k));
                }
                if (same) {
                    Arrays.fill(exempt, i, i + phrase.size(), true);
                }
            }
        }
        return exempt;
    }

    private static boolean covers(boolean[] exempt, int from, int length) {
        for (int k = from; k < from + length; k++) {
            if (exempt[k]) {
                return true;
            }
        }
        return false;
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
