package org.charte.rights.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the requests list searches what a sender gave without decrypting anyone (R9.5, R9.7): a text
 * with an {@code @} is an e-mail, looked for whole; any other text is the reference (in clear) or
 * words of the name, each looked for whole, ignoring case and accents ("élise" finds "Elise").
 * Indexes and searches fold the same way here, the one place that says how.
 */
final class ClaimantSearch {

    /** The blind index kinds: a sender's e-mail, a word of their name. */
    static final String EMAIL = "rights-claimant-email";
    static final String WORD = "rights-claimant-word";
    /** At most this many words of a name are indexed, and of a search looked for. */
    static final int MAX_WORDS = 12;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private ClaimantSearch() {}

    /** Whether a search text is an e-mail. */
    static boolean isEmail(String text) {
        return text.indexOf('@') >= 0;
    }

    /** An e-mail as indexed: trimmed, in lower case; empty when it is none. */
    static Optional<String> email(@Nullable String email) {
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return normalised.indexOf('@') < 1 ? Optional.empty() : Optional.of(normalised);
    }

    /** The words of a name as indexed: in lower case, without accents, split on anything but letters and digits, each once. */
    static List<String> words(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        String folded = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
        Set<String> words = new LinkedHashSet<>();
        for (String word : SEPARATORS.split(folded)) {
            if (!word.isEmpty() && words.size() < MAX_WORDS) {
                words.add(word);
            }
        }
        return new ArrayList<>(words);
    }
}
