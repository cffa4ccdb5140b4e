package org.charte.marketing;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The language a person chose with us, if we know one: what a message to them that names no
 * language (the confirmation of an SMS STOP) is written in. Implemented by the module that records
 * such a choice (the rights module: the language of the person's latest rights request); none, and
 * messages go out in French.
 */
public interface PersonLanguages {

    /** French or English, when the person chose one; empty otherwise. */
    Optional<Locale> of(UUID subjectId);
}
