/**
 * Cookie choices the CNIL's way (R9.11, R4.4, R5.4, L3): the dependency-free banner script
 * {@code consent.js} configured from the policy's cookie purposes, the proof of every choice
 * (refusals and Global Privacy Control included), readable by its consent id and aggregated for the
 * DPO; navigation data from consent.js's first-party beacon (R3.4, L8, R1.4), exempt or with consent
 * ({@link PageView}), kept 25 months at most ({@link NavigationDataRetention}), and
 * the audience statistics drawn from its counts (R4.4).
 */
@NullMarked
@ApplicationModule(displayName = "Cookies")
package org.charte.cookies;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
