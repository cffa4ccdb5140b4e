package org.charte;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shape every new piece of code keeps (docs/architecture.md, "Where new code goes"), checked on
 * the sources: imports rather than inline fully qualified names; every package {@code @NullMarked};
 * one Europe/Paris ({@code Zones}).
 */
class CodeShapeTests {

    static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("src/test/java"), Path.of("bench/java"));

    /** A package name followed by a type name (or by a type annotation), outside comments and string literals. */
    static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.$])(?:[a-z][a-z0-9_]*\\.)+(?:[A-Z]\\w*|@)");

    /** Where a simple name would clash with another type of the same name already imported. */
    static final Map<String, Set<String>> CLASHES = Map.of(
            // Spring's @RequestBody is imported in the same file
            "src/main/java/org/charte/commerce/internal/CommerceApi.java", Set.of("io.swagger.v3.oas.annotations.parameters.RequestBody"));

    @Test
    @DisplayName("no inline fully qualified class name in code: types are imported (comments and strings aside)")
    void noInlineQualifiedNames() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles()) {
            String[] lines = codeOnly(Files.readString(file)).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("import ") || line.startsWith("package ")) {
                    continue;
                }
                Matcher m = QUALIFIED.matcher(line);
                while (m.find()) {
                    if (!CLASHES.getOrDefault(file.toString().replace('\\', '/'), Set.of()).contains(m.group())) {
                        offenders.add(file + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    @DisplayName("every package of the application, internal ones included, has a package-info.java that is @NullMarked")
    void everyPackageNullMarked() throws IOException {
        Set<Path> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> packages.add(f.getParent()));
        }
        List<String> offenders = new ArrayList<>();
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            String text = Files.exists(info) ? Files.readString(info) : "";
            if (!text.contains("@NullMarked") || !text.contains("import org.jspecify.annotations.NullMarked;")) {
                offenders.add(dir.toString());
            }
        }
        assertThat(packages).isNotEmpty();
        assertThat(offenders).isEmpty();
    }

    @Test
    @DisplayName("one Europe/Paris: the zone the law counts days in is named only by Zones (PARIS, PARIS_ID)")
    void oneParisZone() throws IOException {
        Path zones = Path.of("src/main/java/org/charte/common/Zones.java");
        List<String> offenders = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (!file.equals(zones) && Files.readString(file).contains("\"Europe/Paris\"")) {
                offenders.add(file.toString());
            }
        }
        assertThat(Files.readString(zones)).contains("\"Europe/Paris\"");
        assertThat(offenders).isEmpty();
    }

    static List<Path> javaFiles() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path root : SOURCES) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(all::add);
                }
            }
        }
        return all;
    }

    /** The source with comments, string and character literals blanked (line breaks kept). */
    static String codeOnly(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
