package org.charte.commerce;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.FreeText;
import org.charte.common.Plausible;
import org.jspecify.annotations.Nullable;

/**
 * Litigation (policy §4.1, unpaid invoices and litigation): opening one raises
 * {@link LitigationOpened}, closing it {@link LitigationClosed}; retention turns them into a legal hold.
 */
public interface Litigations {

    record NewLitigation(@Nullable @Plausible LocalDate openedOn, @NotBlank @Size(max = 2000) @FreeText String reason,
            @Nullable @Size(max = 100) List<@NotNull UUID> invoiceIds) {}

    record Closure(@Nullable @Plausible LocalDate closedOn,
            @NotBlank @Size(max = 20) @Pattern(regexp = "settled|won|lost|abandoned", message = "must be one of settled, won, lost, abandoned") String outcome) {}

    /** Opens a litigation (purpose {@code unpaid-litigation}, a new record). */
    Litigation open(Actor actor, UUID subjectId, NewLitigation litigation);

    /** Closes it (purpose {@code unpaid-litigation}; needs a grant). */
    Litigation close(Actor actor, UUID litigationId, Closure closure);

    List<Litigation> ofSubject(Actor actor, String purpose, UUID subjectId);
}
