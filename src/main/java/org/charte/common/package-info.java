/**
 * What every module shares: time-ordered ids (UUIDv7), the input rules every value passes before the
 * database ({@code TextInput}, {@code PlausibleDate} and their annotations; {@code InputChecks};
 * {@code InvalidInputException} naming each field, R8.5), {@code UnknownIdException}, the one shape of
 * an id that names nothing (a 404), the time zone the law counts days in ({@code Zones}), job locks,
 * the synthetic-data switch, and the {@code UrlRules} through which each module declares who may call
 * its pages and endpoints (R8.3), {@code @PageController}, the mark of a controller that renders
 * pages (the layout's advices apply to those only), and {@code TaggedPdf}, through which every PDF
 * file is written (tagged for screen readers, its font embedded).
 */
@NullMarked
@ApplicationModule(displayName = "Common")
package org.charte.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
