package org.charte.registers;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A section of the DPO's desk (one page with everything due, the same counts as metrics, a weekly
 * digest): a bean that says what is due in one register or workflow. Adding a register to the desk
 * is adding one such bean; the page, the meters ({@code charte_desk_items{section, severity}}) and
 * the digest pick it up.
 *
 * <p>Its title is the message {@code desk.section.<key>}, and {@code desk.section.<key>.none} says
 * that nothing is due, in both bundles.
 */
public interface DeskSection {

    /** A stable code ({@code rights-requests}, {@code legal-holds}): the meters' {@code section} tag and the messages' key. */
    String key();

    /** Where the section stands on the page and in the digest: the smaller first. */
    int order();

    /** The page that lists everything of this kind ({@code /backoffice/...}). */
    String link();

    /** What is due as of {@code today}, the most pressing first, labelled in {@code locale}. */
    List<DeskItem> items(LocalDate today, Locale locale);
}
