package org.charte.testing;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads JSON answers in tests. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode of(HttpResponse<String> response) {
        return MAPPER.readTree(response.body());
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
