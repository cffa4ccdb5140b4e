package org.charte.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Why a JSON body could not be read, said without quoting it: the field's path where the parser
 * can tell ({@code scopes[0]}, {@code address.postalCode}), "not valid JSON" only when the body
 * really is not JSON. The parser's own messages quote the values, so they never go out.
 */
record BodyProblem(String detail, @Nullable String field, String message) {

    private static final JsonMapper TREE = JsonMapper.builder().build();

    static BodyProblem missing() {
        return new BodyProblem("This request needs a JSON body.", "body", "is required: a JSON object");
    }

    static BodyProblem notJson() {
        return new BodyProblem("The body is not valid JSON.", null, "");
    }

    static BodyProblem field(String field, String message) {
        return new BodyProblem("1 invalid field(s).", field, message);
    }

    static BodyProblem of(HttpMessageNotReadableException e, @Nullable InputStream body) {
        if (String.valueOf(e.getMessage()).startsWith("Required request body is missing")) {
            return missing();
        }
        JacksonException jackson = null;
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException j) {
                jackson = j;
            }
        }
        if (jackson == null) {
            return notJson();
        }
        String path = path(jackson);
        String context = context(jackson);
        String deepest = context.length() > path.length() ? context : path;
        if (jackson instanceof InputCoercionException) {
            return deepest.isEmpty() ? notJson() : field(deepest, "is out of range");
        }
        if (jackson instanceof StreamReadException && !(jackson instanceof DatabindException)) {
            String original = String.valueOf(jackson.getOriginalMessage());
            if (original.startsWith("Non-standard token") && !context.isEmpty()) {
                return field(context, "must be a finite number (NaN and Infinity are not JSON numbers)");
            }
            if (jackson.getClass().getSimpleName().equals("UnexpectedEndOfInputException") && context.isEmpty()) {
                return missing(); // nothing at all
            }
            return notJson();
        }
        if (!path.isEmpty()) {
            return field(path, "has a value of the wrong type or format");
        }
        // Jackson 3.1 loses the path of an array inside an array of strings; the body says where it is.
        String nested = body == null ? null : nestedArray(body);
        if (nested != null) {
            return field(nested, "has a value of the wrong type or format");
        }
        return field("body", "must be a JSON object with the fields of this request");
    }

    /** The path Jackson's data binding recorded, as {@code a.b[0].c}. */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Where the parser stood when it stopped, as {@code a.b[0].c}. */
    static String context(JacksonException e) {
        if (!(e.processor() instanceof JsonParser parser)) {
            return "";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (TokenStreamContext c = parser.streamReadContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.currentName() != null) {
                parts.addFirst("." + c.currentName());
            } else if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    /** The path of the first array found directly inside an array, if the body parses at all. */
    static @Nullable String nestedArray(InputStream body) {
        try (body) {
            return nestedArray(TREE.readTree(body), "");
        } catch (IOException | JacksonException e) {
            return null;
        }
    }

    private static @Nullable String nestedArray(JsonNode node, String at) {
        if (node.isObject()) {
            for (var property : node.properties()) {
                String found = nestedArray(property.getValue(), at.isEmpty() ? property.getKey() : at + "." + property.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isArray() && !at.isEmpty()) {
                    return at + "[" + i + "]";
                }
                String found = nestedArray(node.get(i), at + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
