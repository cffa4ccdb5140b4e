package org.charte.policy;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML node tree and collects problems with their line instead of failing on the first,
 * so that one run of the validator tells the author everything that is wrong.
 */
final class YamlReader {

    private final String file;
    private final List<PolicyProblem> problems = new ArrayList<>();

    YamlReader(String file) {
        this.file = file;
    }

    List<PolicyProblem> problems() {
        return problems;
    }

    String file() {
        return file;
    }

    void problem(@Nullable Node at, String message) {
        problems.add(new PolicyProblem(file, at == null ? 0 : line(at), message));
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** A mapping with its keys, checked against the keys it may have. */
    final class Map_ {
        final MappingNode node;
        final String what;
        final Map<String, Node> values = new LinkedHashMap<>();

        Map_(MappingNode node, String what, Set<String> allowed) {
            this.node = node;
            this.what = what;
            for (NodeTuple tuple : node.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                if (!allowed.contains(key)) {
                    problem(tuple.getKeyNode(), "unknown key '" + key + "' in " + what
                            + " (expected one of " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                } else if (values.put(key, tuple.getValueNode()) != null) {
                    problem(tuple.getKeyNode(), "key '" + key + "' appears twice in " + what);
                }
            }
        }

        int line() {
            return YamlReader.line(node);
        }

        boolean has(String key) {
            return values.containsKey(key) && !isNull(values.get(key));
        }

        @Nullable Node node(String key) {
            return values.get(key);
        }

        @Nullable String string(String key, boolean required) {
            Node value = values.get(key);
            if (value == null || isNull(value)) {
                if (required) {
                    problem(node, what + " has no '" + key + "'");
                }
                return null;
            }
            if (value instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                return scalar.getValue().trim();
            }
            problem(value, "'" + key + "' in " + what + " must be a non-empty text");
            return null;
        }

        String string(String key) {
            String value = string(key, true);
            return value == null ? "" : value;
        }

        boolean bool(String key, boolean fallback) {
            String value = string(key, false);
            if (value == null) {
                return fallback;
            }
            if (value.equals("true") || value.equals("false")) {
                return Boolean.parseBoolean(value);
            }
            problem(values.get(key), "'" + key + "' in " + what + " must be true or false, not '" + value + "'");
            return fallback;
        }

        @Nullable Period period(String key, boolean required) {
            String value = string(key, required);
            if (value == null) {
                return null;
            }
            try {
                Period period = Period.parse(value);
                if (period.isNegative() || period.isZero()) {
                    problem(values.get(key), "'" + key + "' in " + what + " must be a positive duration, not '" + value + "'");
                    return null;
                }
                return period;
            } catch (DateTimeParseException e) {
                problem(values.get(key), "'" + key + "' in " + what + " must be an ISO 8601 duration such as P3Y, P13M or P30D, not '" + value + "'");
                return null;
            }
        }

        @Nullable LocalDate date(String key) {
            String value = string(key, true);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                problem(values.get(key), "'" + key + "' in " + what + " must be a date as YYYY-MM-DD, not '" + value + "'");
                return null;
            }
        }

        /** An enum written in kebab case in the file ({@code legitimate-interest}). */
        <E extends Enum<E>> @Nullable E choice(String key, Class<E> type, boolean required) {
            String value = string(key, required);
            if (value == null) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (kebab(constant).equals(value)) {
                    return constant;
                }
            }
            List<String> expected = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                expected.add(kebab(constant));
            }
            problem(values.get(key), "'" + key + "' in " + what + " is '" + value + "'; expected one of " + String.join(", ", expected));
            return null;
        }

        List<String> strings(String key, boolean required) {
            Node value = values.get(key);
            if (value == null || isNull(value)) {
                if (required) {
                    problem(node, what + " has no '" + key + "'");
                }
                return List.of();
            }
            if (value instanceof ScalarNode scalar) {
                return List.of(scalar.getValue().trim());
            }
            if (!(value instanceof SequenceNode seq)) {
                problem(value, "'" + key + "' in " + what + " must be a list");
                return List.of();
            }
            List<String> result = new ArrayList<>();
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
                    result.add(s.getValue().trim());
                } else {
                    problem(item, "'" + key + "' in " + what + " must list plain texts");
                }
            }
            return result;
        }

        @Nullable Text text(String key, boolean required) {
            Node value = values.get(key);
            if (value == null || isNull(value)) {
                if (required) {
                    problem(node, what + " has no '" + key + "' (a label with fr and en)");
                }
                return null;
            }
            return YamlReader.this.text(value, "'" + key + "' of " + what);
        }

        List<Text> texts(String key) {
            List<Text> result = new ArrayList<>();
            Node value = values.get(key);
            if (value == null || isNull(value)) {
                return result;
            }
            if (!(value instanceof SequenceNode seq)) {
                problem(value, "'" + key + "' in " + what + " must be a list of {fr, en} texts");
                return result;
            }
            for (Node item : seq.getValue()) {
                Text text = YamlReader.this.text(item, "an item of '" + key + "' in " + what);
                if (text != null) {
                    result.add(text);
                }
            }
            return result;
        }

        @Nullable Map_ map(String key, String what, Set<String> allowed, boolean required) {
            Node value = values.get(key);
            if (value == null || isNull(value)) {
                if (required) {
                    problem(node, this.what + " has no '" + key + "'");
                }
                return null;
            }
            return YamlReader.this.map(value, what, allowed);
        }

        <T> List<T> list(String key, boolean required, Function<Node, @Nullable T> each) {
            Node value = values.get(key);
            if (value == null || isNull(value)) {
                if (required) {
                    problem(node, what + " has no '" + key + "'");
                }
                return List.of();
            }
            if (!(value instanceof SequenceNode seq)) {
                problem(value, "'" + key + "' in " + what + " must be a list");
                return List.of();
            }
            List<T> result = new ArrayList<>();
            for (Node item : seq.getValue()) {
                T t = each.apply(item);
                if (t != null) {
                    result.add(t);
                }
            }
            return result;
        }
    }

    @Nullable Map_ map(Node node, String what, Set<String> allowed) {
        if (node instanceof MappingNode mapping) {
            return new Map_(mapping, what, allowed);
        }
        problem(node, what + " must be a mapping of keys to values");
        return null;
    }

    /** An element of a list, named in messages by its id when it has one ("purpose 'orders'"). */
    @Nullable Map_ element(Node node, String kind, Set<String> allowed) {
        String id = null;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("id")
                        && tuple.getValueNode() instanceof ScalarNode value) {
                    id = value.getValue();
                }
            }
        }
        return map(node, id == null ? "a " + kind : kind + " '" + id + "'", allowed);
    }

    @Nullable Text text(Node node, String what) {
        Map_ map = map(node, what, Set.of("fr", "en"));
        if (map == null) {
            return null;
        }
        String fr = map.string("fr", true);
        String en = map.string("en", true);
        return fr == null || en == null ? null : new Text(fr, en);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
