package org.charte.subjects.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.charte.access.CurrentActor;
import org.charte.common.SingleLine;
import org.charte.subjects.internal.AcceptedPhrases.AcceptedPhrase;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The DPO's reviewed false positives of the sensitive-data screen (R3.6). */
@RestController
@RequestMapping("/api/v1/screening/accepted-phrases")
@Tag(name = "Screening", description = "The DPO's accepted false positives of the sensitive-data screen (R3.6): a phrase the screen "
        + "would flag but that reveals nothing about anyone (a street, an organisation). The DPO only; each change has a reason and is audited.")
class ScreeningApi {

    private final AcceptedPhrases phrases;
    private final CurrentActor actors;

    ScreeningApi(AcceptedPhrases phrases, CurrentActor actors) {
        this.phrases = phrases;
        this.actors = actors;
    }

    record NewAcceptedPhrase(@Nullable @Size(max = AcceptedPhrases.MAX_PHRASE) @SingleLine String phrase,
            @Nullable @Size(max = AcceptedPhrases.MAX_REASON) @SingleLine String reason) {}

    record Removal(@Nullable @Size(max = AcceptedPhrases.MAX_REASON) @SingleLine String reason) {}

    @GetMapping
    @Operation(summary = "Every accepted phrase, those in force first, with who added or removed it, when and why")
    List<AcceptedPhrase> all() {
        return phrases.all();
    }

    @PostMapping
    @Operation(summary = "Accept a phrase the screen flags (not a listed word alone), with the reason; the screen skips its words from then on",
            description = "400 naming phrase (empty, longer than 200 characters, not flagged by the screen, a listed word alone, accepted "
                    + "already) or reason (missing, longer than 1000 characters)")
    ResponseEntity<AcceptedPhrase> accept(@Valid @RequestBody(required = false) @Nullable NewAcceptedPhrase body, Authentication authentication) {
        AcceptedPhrase accepted = phrases.accept(actors.of(authentication), body == null ? null : body.phrase(),
                body == null ? null : body.reason());
        return ResponseEntity.created(URI.create("/api/v1/screening/accepted-phrases/" + accepted.id())).body(accepted);
    }

    @PostMapping("/{id}/removal")
    @Operation(summary = "Remove an accepted phrase, with the reason; the screen finds its words again at once")
    AcceptedPhrase remove(@PathVariable("id") UUID id, @Valid @RequestBody(required = false) @Nullable Removal body, Authentication authentication) {
        return phrases.remove(actors.of(authentication), id, body == null ? null : body.reason());
    }
}
