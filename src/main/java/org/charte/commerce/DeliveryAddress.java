package org.charte.commerce;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.charte.common.SingleLine;
import org.jspecify.annotations.Nullable;

/** Where an order goes: personal data, sealed at rest under the client's key. */
public record DeliveryAddress(
        @NotBlank @Size(max = 200) @SingleLine String recipient,
        @NotBlank @Size(max = 200) @SingleLine String line1,
        @Nullable @Size(max = 200) @SingleLine String line2,
        @NotBlank @Size(max = 10) @SingleLine String postalCode,
        @NotBlank @Size(max = 100) @SingleLine String city,
        @NotBlank @Size(max = 2) @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 country code such as FR") String country) {}
