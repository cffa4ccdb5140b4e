package org.charte.subjects;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Screens text for special-category data (R3.6): health, religious or philosophical beliefs,
 * political opinions, trade-union membership, racial or ethnic origin, sexual orientation, in
 * French and English. Matching ignores case and accents and works on whole words and phrases
 * (word lists in {@code subjects/sensitive/}), so {@code maladie} is found but not
 * {@code maladroit}.
 *
 * <p>Use: free text (notes, support messages) is screened for every listed word and redacted;
 * structured fields (names, addresses) are refused only for unambiguous phrases, since a listed
 * word alone is often a real surname or place. The DPO's accepted false positives
 * (the accepted phrases) are skipped. Either way, record the hit with {@link #record}, which
 * writes the categories to the audit log and never the words.
 *
 * <pre>{@code
 * Screening s = screen.screen(message);
 * if (!s.clean()) {
 *     screen.record(s, Handling.REDACTED, actor.typedId(), "ticket-message", messageId.toString(), clientId);
 * }
 * store(s.redacted());
 * }</pre>
 */
public interface SensitiveDataScreen {

    /** What replaces each sensitive word or phrase. */
    String REDACTED = "[…]";

    /** Screens a text; no side effect. */
    Screening screen(String text);

    /** What was done with a text that held sensitive data. */
    enum Handling { REFUSED, REDACTED }

    /**
     * Records a hit in the audit log: action {@code screen}, the categories' codes, refused or
     * redacted, the resource and person if known; never the text or the words.
     *
     * @param actor        a typed id as the audit log takes it ({@code staff:<uuid>}, {@code token:<uuid>}, {@code system})
     * @param resourceType a code, e.g. {@code subject}, {@code ticket-message}
     */
    void record(Screening screening, Handling handling, String actor, String resourceType, @Nullable String resourceId,
            @Nullable UUID subjectId);
}
