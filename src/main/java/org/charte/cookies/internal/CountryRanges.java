package org.charte.cookies.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
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

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    /** An address as 128 bits (IPv4 as its IPv4-mapped IPv6 form), compared unsigned, high half first. */
    private record Address(long high, long low) implements Comparable<Address> {
        static Address of(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length == 4) {
                long v4 = ((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xffL) << 16) | ((bytes[2] & 0xffL) << 8) | (bytes[3] & 0xffL);
                return new Address(0, 0xffff_0000_0000L | v4);
            }
            return new Address(ByteBuffer.wrap(bytes, 0, 8).getLong(), ByteBuffer.wrap(bytes, 8, 8).getLong());
        }

        @Override
        public int compareTo(Address other) {
            int c = Long.compareUnsigned(high, other.high);
            return c != 0 ? c : Long.compareUnsigned(low, other.low);
        }
    }

    private record Range(Address first, Address last, String country) {}

    // Columns rather than objects: a complete table has some 550,000 ranges (about 20 MB so, 120 MB as objects).
    private final long[] firstHigh;
    private final long[] firstLow;
    private final long[] lastHigh;
    private final long[] lastLow;
    private final String[] countries;

    private CountryRanges(List<Range> ranges) {
        Range[] sorted = ranges.stream().sorted(Comparator.comparing(Range::first)).toArray(Range[]::new);
        firstHigh = new long[sorted.length];
        firstLow = new long[sorted.length];
        lastHigh = new long[sorted.length];
        lastLow = new long[sorted.length];
        countries = new String[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            firstHigh[i] = sorted[i].first().high();
            firstLow[i] = sorted[i].first().low();
            lastHigh[i] = sorted[i].last().high();
            lastLow[i] = sorted[i].last().low();
            countries[i] = sorted[i].country(); // the same 250 or so strings, interned
        }
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
            if (f.length != 3 || !COUNTRY.matcher(f[2].strip()).matches()) {
                throw new IllegalArgumentException("country ranges, line " + number + ": expected first,last,CC");
            }
            ranges.add(new Range(Address.of(literal(f[0].strip())), Address.of(literal(f[1].strip())), f[2].strip().intern()));
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
        Address key = Address.of(truncated(address));
        int low = 0;
        int high = countries.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (key.compareTo(new Address(firstHigh[mid], firstLow[mid])) < 0) {
                high = mid - 1;
            } else if (key.compareTo(new Address(lastHigh[mid], lastLow[mid])) > 0) {
                low = mid + 1;
            } else {
                return countries[mid];
            }
        }
        return null;
    }

    int size() {
        return countries.length;
    }

    private static InetAddress literal(String text) {
        if (!LITERAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not an IP address literal");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal");
        }
    }
}
