/**
 * Cookie choices the CNIL's way (R9.11, R4.4, R5.4, L3): the dependency-free banner script
 * {@code consent.js} configured from the policy's cookie purposes, the proof of every choice
 * (refusals and Global Privacy Control included), readable by its consent id and aggregated for the
 * DPO. Navigation data and audience statistics (R3.4, L8) are to come.
 */
@NullMarked
@ApplicationModule(displayName = "Cookies")
package org.charte.cookies;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
