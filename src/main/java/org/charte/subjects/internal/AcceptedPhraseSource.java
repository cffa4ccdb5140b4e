package org.charte.subjects.internal;

import java.util.List;

/** The DPO's accepted phrases as the screen matches them: each one's folded words. */
interface AcceptedPhraseSource {

    List<List<String>> foldedPhrases();
}
