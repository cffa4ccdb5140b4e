package org.charte.rights.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where OpenDSR callbacks may go, framework-free: only to a host of the allow-list
 * ({@code charte.opendsr.callback-allowed-hosts}, exact host names, case-insensitive; empty: none),
 * over https (plain http only where {@code charte.opendsr.callback-plain-http} allows it, for a
 * test bench), without user info. Checked when a request names its callbacks and again before each
 * call.
 */
record OpenDsrCallbackHosts(Set<String> hosts, boolean plainHttp) {

    static OpenDsrCallbackHosts of(String hosts, boolean plainHttp) {
        return new OpenDsrCallbackHosts(Arrays.stream(hosts.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet()), plainHttp);
    }

    boolean allows(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean transport = "https".equals(scheme) || (plainHttp && "http".equals(scheme));
        return transport && url.getHost() != null && url.getUserInfo() == null && hosts.contains(url.getHost().toLowerCase(Locale.ROOT));
    }
}
