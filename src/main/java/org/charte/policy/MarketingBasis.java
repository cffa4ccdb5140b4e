package org.charte.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a person may be solicited on a channel, as the policy's marketing section declares it per
 * channel (R9.9; L2 for the phone, L9 for e-mail and SMS).
 */
public enum MarketingBasis {
    /** Prior, specific, informed consent, with its proof (any channel; the rule for consumers by e-mail, SMS and, since 11 August 2026, phone). */
    CONSENT,
    /** Clients, about products or services analogous to theirs, if they could object at collection and in every message (CPCE L34-5; e-mail, SMS). */
    CLIENT_ANALOGOUS,
    /** Professionals, about their job, unless they object (e-mail, SMS; phone: B2B unless they object). */
    PROFESSIONAL,
    /** Clients with a running contract, about related products (phone, L223-1 as amended in 2025). */
    RUNNING_CONTRACT,
    /** Anyone not registered on the opposition list (Bloctel; phone only; out of date since 11 August 2026, L2). */
    OPPOSITION_LIST,
    /** Anyone, unless they objected (post; on another channel a lint finding). */
    UNLESS_OBJECTED;

    /** The code used in the policy file: {@code consent}, {@code client-analogous}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<MarketingBasis> fromCode(String code) {
        for (MarketingBasis basis : values()) {
            if (basis.code().equals(code)) {
                return Optional.of(basis);
            }
        }
        return Optional.empty();
    }
}
