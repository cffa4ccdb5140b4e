package org.charte.mail.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a text message received is a STOP: the free objection every marketing SMS offers (R9.9,
 * L9). People write it as they like: any case, spaces or punctuation around or inside ("stop.",
 * " Stop ", "S T O P"), with accents or without ("ARRÊT", "arret"), followed by what they object to
 * ("STOP SMS", "STOP PUB", "stop merci"). An objection needs no motive and must not be missed (L5),
 * so the message counts when its first word is one of the keywords, or when the whole message,
 * its letters run together, is one. A message that merely contains the word further on ("je ne
 * veux pas que ça s'arrête") does not. Framework-free.
 */
final class StopKeyword {

    /** The words (upper case, without accents) that object on their own. */
    static final Set<String> KEYWORDS = Set.of("STOP", "ARRET", "ARRETER", "ARRETEZ", "DESABONNER", "DESINSCRIRE", "UNSUBSCRIBE", "STOPSMS",
            "STOPPUB");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}\\p{N}]+");

    private StopKeyword() {}

    /** Whether the text is a STOP. */
    static boolean isStop(String text) {
        String plain = normalise(text);
        if (plain.isEmpty()) {
            return false;
        }
        String first = plain.split(" ", 2)[0];
        return KEYWORDS.contains(first) || KEYWORDS.contains(plain.replace(" ", ""));
    }

    /** Upper case, without accents, punctuation or invisible characters, words separated by one space. */
    static String normalise(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String bare = MARKS.matcher(decomposed).replaceAll("");
        return NOT_LETTER.matcher(bare.toUpperCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
