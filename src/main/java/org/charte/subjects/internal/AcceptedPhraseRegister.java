package org.charte.subjects.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.AccessRequest.Actor;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.subjects.Screening;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The DPO's reviewed false positives (R3.6): only a phrase the screen would flag, never a listed
 * word alone, each with a reason; adding and removing are audited (the phrase's id, never its text).
 */
@Service
class AcceptedPhraseRegister implements AcceptedPhrases {

    /** Control characters and the invisible direction marks a phrase has no use for. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]");

    private final JdbcAcceptedPhrases rows;
    private final AcceptedPhraseCache cache;
    private final WordListScreen screen;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;

    AcceptedPhraseRegister(JdbcAcceptedPhrases rows, AcceptedPhraseCache cache, WordListScreen screen, AuditLog audit, Ids ids,
            Clock clock) {
        this.rows = rows;
        this.cache = cache;
        this.screen = screen;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    @Transactional
    public AcceptedPhrase accept(Actor actor, @Nullable String phrase, @Nullable String reason) {
        List<FieldError> errors = new ArrayList<>();
        String text = phrase == null ? "" : phrase.strip().replaceAll("\\s+", " ");
        List<String> words = WordListScreen.words(text);
        String folded = String.join(" ", words);
        if (text.isEmpty() || words.isEmpty()) {
            errors.add(new FieldError("phrase", "is required"));
        } else if (text.length() > MAX_PHRASE) {
            errors.add(new FieldError("phrase", "must be at most " + MAX_PHRASE + " characters"));
        } else if (CONTROL.matcher(text).find()) {
            errors.add(new FieldError("phrase", "must not hold control characters"));
        } else if (rows.inForce(folded)) {
            errors.add(new FieldError("phrase", "is accepted already"));
        } else if (screen.screen(text, true).clean()) {
            errors.add(new FieldError("phrase", "the screen finds nothing in it: there is nothing to accept"));
        } else if (screen.isEntry(words)) {
            errors.add(new FieldError("phrase", "is a listed word or phrase on its own: accept the name or place around it"));
        }
        String why = reason(reason, errors);
        InvalidInputException.throwIfAny(errors);
        Screening found = screen.screen(text, true);
        UUID id = ids.next();
        rows.insert(id, text, folded, why, actor.typedId(), clock.instant());
        audit.append(new AuditEvent(actor.typedId(), "accept-screening-phrase", null, "screening-phrase", id.toString(), null, List.of(),
                AuditOutcome.ALLOWED, "false positive accepted (" + String.join(", ", found.codes()) + ")"));
        reloadAtCommit();
        return rows.find(id).orElseThrow();
    }

    @Override
    @Transactional
    public AcceptedPhrase remove(Actor actor, UUID id, @Nullable String reason) {
        List<FieldError> errors = new ArrayList<>();
        String why = reason(reason, errors);
        AcceptedPhrase existing = rows.find(id).orElse(null);
        if (existing == null) {
            errors.add(new FieldError("id", "no such accepted phrase"));
        } else if (!existing.inForce()) {
            errors.add(new FieldError("id", "was removed already"));
        }
        InvalidInputException.throwIfAny(errors);
        if (rows.remove(id, actor.typedId(), why, clock.instant()) != 1) {
            throw new InvalidInputException("id", "was removed already");
        }
        audit.append(new AuditEvent(actor.typedId(), "remove-screening-phrase", null, "screening-phrase", id.toString(), null, List.of(),
                AuditOutcome.ALLOWED, "accepted phrase removed"));
        reloadAtCommit();
        return rows.find(id).orElseThrow();
    }

    @Override
    public List<AcceptedPhrase> all() {
        return rows.all();
    }

    private static String reason(@Nullable String reason, List<FieldError> errors) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            errors.add(new FieldError("reason", "say why (the DPO's review)"));
        } else if (why.length() > MAX_REASON) {
            errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        } else if (CONTROL.matcher(why.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ')).find()) {
            errors.add(new FieldError("reason", "must not hold control characters"));
        }
        return why;
    }

    private void reloadAtCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.reload();
                }
            });
        } else {
            cache.reload();
        }
    }
}
