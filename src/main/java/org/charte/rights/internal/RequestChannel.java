package org.charte.rights.internal;

import java.util.Locale;
import java.util.Optional;

/** How a request reached us (R9.5): the online privacy centre, a letter, an e-mail, an integration. */
public enum RequestChannel {
    WEB, POST, EMAIL, API;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RequestChannel> ofCode(String code) {
        for (RequestChannel channel : values()) {
            if (channel.code().equals(code)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
