package org.charte.cookies.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The country of an address, for exempt audience measurement (L8): the address is first truncated
 * (IPv4 to its /24, IPv6 to its /48), the truncated address looked up in a table of ranges held in
 * memory (nothing is asked of anyone at run time), and both are then dropped by the caller. The
 * table is a CSV of {@code first,last,country} lines (IPv4 or IPv6, ISO 3166 two-letter codes,
 * {@code #} comments), such as the regional internet registries' delegation files converted; Charte
 * bundles a small sample and {@code charte.navigation.country-ranges} names a complete file.
 */
final class CountryRanges {

    private record Range(BigInteger first, BigInteger last, String country) {}

    private final Range[] ranges;

    private CountryRanges(List<Range> ranges) {
        this.ranges = ranges.stream().sorted(Comparator.comparing(Range::first)).toArray(Range[]::new);
    }

    static CountryRanges bundled() {
        try (InputStream in = CountryRanges.class.getResourceAsStream("/cookies/country-ranges.csv")) {
            if (in == null) {
                throw new IllegalStateException("cookies/country-ranges.csv is missing from the application");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CountryRanges of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CountryRanges read(InputStream in) throws IOException {
        List<Range> ranges = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 3 || !f[2].strip().matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("country ranges, line " + number + ": expected first,last,CC");
            }
            ranges.add(new Range(number(literal(f[0].strip())), number(literal(f[1].strip())), f[2].strip()));
        }
        return new CountryRanges(ranges);
    }

    /** The address truncated: IPv4 to its /24, IPv6 to its /48. */
    static InetAddress truncated(InetAddress address) {
        byte[] bytes = address.getAddress();
        int keep = bytes.length == 4 ? 3 : 6;
        Arrays.fill(bytes, keep, bytes.length, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The country of the truncated address, or null when no range holds it. */
    @Nullable String country(InetAddress address) {
        BigInteger key = number(truncated(address));
        int low = 0;
        int high = ranges.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Range r = ranges[mid];
            if (key.compareTo(r.first()) < 0) {
                high = mid - 1;
            } else if (key.compareTo(r.last()) > 0) {
                low = mid + 1;
            } else {
                return r.country();
            }
        }
        return null;
    }

    int size() {
        return ranges.length;
    }

    /** IPv4 and IPv6 on one line: an IPv4 address counts as its IPv4-mapped IPv6 form. */
    private static BigInteger number(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return new BigInteger(1, bytes);
    }

    private static InetAddress literal(String text) {
        if (!text.matches("[0-9a-fA-F:.]{2,45}")) {
            throw new IllegalArgumentException("not an IP address literal");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal");
        }
    }
}
