package org.charte.access;

import java.util.Locale;

/**
 * Who acted and why an access was refused, in the words staff read on a page (L10): a typed actor
 * id ({@code staff:<uuid>}, {@code token:<uuid>}, {@code subject:<uuid>}, {@code system}) becomes a
 * member of staff's name, an integration's name, the person themselves, or Charte acting by
 * itself; a decision's reason ({@link DenialReasons}) a sentence in the page's language with the
 * policy's labels. Never a raw id: an actor no longer known is its kind and a short reference.
 */
public interface AccessWords {

    /** The actor of what Charte does by itself (a code checked, a nightly run). */
    String SYSTEM = "system";

    String actor(String typedId, Locale locale);

    /** The reason in the page's language; one {@link DenialReasons} does not know, as it was recorded. */
    String reason(String reason, Locale locale);

    /** The first 8 characters of an id: enough to tell two apart on a page, not a whole identifier. */
    static String shortReference(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }
}
