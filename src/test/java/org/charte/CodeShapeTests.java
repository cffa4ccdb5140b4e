package org.charte;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.charte.common.PageController;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * The shape every new piece of code keeps (docs/architecture.md, "Where new code goes"), checked on
 * the sources: imports rather than inline fully qualified names; every package {@code @NullMarked};
 * one Europe/Paris ({@code Zones}); pages marked as pages ({@code @PageController}).
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
    @DisplayName("R6.1 grants are written by JdbcGrants alone, which changes the member's grants stamp with every grant opened or ended (the nodes' copies rely on it)")
    void grantsWrittenInOnePlace() throws IOException {
        Path grants = Path.of("src/main/java/org/charte/access/internal/JdbcGrants.java");
        Pattern write = Pattern.compile("(?i)(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+access_grant");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!file.equals(grants) && write.matcher(Files.readString(file)).find()) {
                    offenders.add(file.toString());
                }
            }
        }
        assertThat(write.matcher(Files.readString(grants)).find()).isTrue();
        assertThat(offenders).isEmpty();
    }

    @Test
    @DisplayName("one way to tell PostgreSQL from H2: in Charte's code only Databases reads the database's product name")
    void oneDatabaseCheck() throws IOException {
        Path databases = Path.of("src/main/java/org/charte/common/Databases.java");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!file.equals(databases) && Files.readString(file).contains("getDatabaseProductName")) {
                    offenders.add(file.toString());
                }
            }
        }
        assertThat(Files.readString(databases)).contains("getDatabaseProductName");
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

    @Test
    @DisplayName("L10 every controller that renders a page is a @PageController (its header, language link and staff bar come from the page advices); "
            + "no @RestController is one (an API request pays for none of them)")
    void pagesMarkedAsPages() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class)); // meta-annotations too: @RestController, @PageController
        List<String> unmarked = new ArrayList<>();
        List<String> markedApis = new ArrayList<>();
        List<String> markedNonPages = new ArrayList<>();
        int pages = 0;
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.charte")) {
            Class<?> controller = Class.forName(candidate.getBeanClassName());
            boolean marked = AnnotatedElementUtils.hasAnnotation(controller, PageController.class);
            if (AnnotatedElementUtils.hasAnnotation(controller, RestController.class)) {
                if (marked) {
                    markedApis.add(controller.getName());
                }
            } else if (rendersViews(controller)) {
                pages++;
                if (!marked) {
                    unmarked.add(controller.getName());
                }
            } else if (marked) {
                markedNonPages.add(controller.getName());
            }
        }
        assertThat(pages).as("page controllers found").isGreaterThan(30);
        assertThat(unmarked).as("controllers rendering views without @PageController").isEmpty();
        assertThat(markedApis).as("@RestControllers marked as pages").isEmpty();
        assertThat(markedNonPages).as("@PageControllers that render no view").isEmpty();
    }

    /** Whether a handler method may render a view: one not answering a body ({@code @ResponseBody}, an entity) but a view name or a view. */
    static boolean rendersViews(Class<?> controller) {
        if (AnnotatedElementUtils.hasAnnotation(controller, ResponseBody.class)) {
            return false;
        }
        for (var method : controller.getDeclaredMethods()) {
            if (!AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class) || AnnotatedElementUtils.hasAnnotation(method, ResponseBody.class)) {
                continue;
            }
            Class<?> answer = method.getReturnType();
            if (answer == String.class || answer == Object.class || ModelAndView.class.isAssignableFrom(answer) || View.class.isAssignableFrom(answer)) {
                return true;
            }
            boolean writesItself = Arrays.stream(method.getParameterTypes()).anyMatch(HttpServletResponse.class::isAssignableFrom);
            if (answer == void.class) {
                if (writesItself) {
                    continue;
                }
                return true; // the view named after the request's path
            }
            if (!HttpEntity.class.isAssignableFrom(answer)) {
                throw new AssertionError(controller.getName() + "." + method.getName() + " answers " + answer.getName()
                        + ": say here whether it renders a view");
            }
        }
        return false;
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
