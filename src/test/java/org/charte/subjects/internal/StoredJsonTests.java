package org.charte.subjects.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PostalAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sealed identity and contacts read token by token ({@link StoredJson}) give exactly what Jackson's own readers give:
 * on random values as the store writes them, and on JSON it never writes (members reordered, unknown or missing, nulls,
 * other shapes), where both take or both refuse.
 */
class StoredJsonTests {

    static final JsonMapper FAST = StoredJson.mapper();
    static final JsonMapper PLAIN = StoredJson.plain();
    static final String ALPHABET = "aZé ß'\"\\/-.,;:ÉÇ\u00a0\u4e2d\ud83d\ude00\t\n0123456789";

    final Random random = new Random(20261204);

    String text() {
        if (random.nextInt(8) == 0) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    List<String> texts() {
        if (random.nextInt(10) == 0) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            texts.add(text());
        }
        return texts;
    }

    LocalDate date() {
        return random.nextInt(6) == 0 ? null : LocalDate.ofEpochDay(random.nextLong(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay()));
    }

    <T> void same(String json, Class<T> type) {
        T plain;
        try {
            plain = PLAIN.readValue(json, type);
        } catch (JacksonException refused) {
            assertThatThrownBy(() -> FAST.readValue(json, type)).as(json).isInstanceOf(JacksonException.class);
            return;
        }
        assertThat(FAST.readValue(json, type)).as(json).isEqualTo(plain);
    }

    @Test
    @DisplayName("R8.1 a person's sealed identity and contacts read token by token give what Jackson's readers give, on 3,000 random values as stored")
    void randomValues() {
        for (int i = 0; i < 1_000; i++) {
            Identity identity = new Identity(text(), text(), text(), date());
            String json = PLAIN.writeValueAsString(identity);
            assertThat(FAST.readValue(json, Identity.class)).as(json).isEqualTo(identity).isEqualTo(PLAIN.readValue(json, Identity.class));

            List<PostalAddress> addresses = new ArrayList<>();
            for (int a = random.nextInt(3); a > 0; a--) {
                addresses.add(random.nextInt(10) == 0 ? null : new PostalAddress(texts(), text(), text(), text()));
            }
            Contacts contacts = new Contacts(random.nextInt(10) == 0 ? null : addresses, texts(), texts());
            json = PLAIN.writeValueAsString(contacts);
            assertThat(FAST.readValue(json, Contacts.class)).as(json).isEqualTo(contacts).isEqualTo(PLAIN.readValue(json, Contacts.class));

            PostalAddress address = new PostalAddress(texts(), text(), text(), text());
            json = PLAIN.writeValueAsString(address);
            assertThat(FAST.readValue(json, PostalAddress.class)).isEqualTo(address);
        }
    }

    @Test
    @DisplayName("R8.1 JSON the store never writes is taken or refused alike: members reordered, unknown, missing or null, numbers for "
            + "strings, dates written otherwise or impossible, other shapes")
    void oddJson() {
        for (String json : List.of("{}", "{\"birthDate\":\"1980-02-29\",\"lastName\":\"X\",\"civility\":null}",
                "{\"lastName\":\"X\",\"unknown\":{\"a\":[1,{\"b\":2}]},\"more\":[1,2],\"n\":5,\"firstNames\":\"Y\"}",
                "{\"lastName\":5,\"civility\":true,\"firstNames\":1.5}", "{\"lastName\":\"X\",\"birthDate\":[2020,1,2]}",
                "{\"birthDate\":\"2021-02-30\"}", "{\"birthDate\":\"2021-1-02\"}", "{\"birthDate\":\"+12020-01-02\"}",
                "{\"birthDate\":\"0000-01-01\"}", "{\"birthDate\":\"2020-01-02T00:00\"}", "{\"birthDate\":\"\"}", "{\"birthDate\":5}",
                "{\"lastName\":[\"X\"]}", "{\"lastName\":{\"a\":1}}", "[]", "\"X\"", "null", "{\"lastName\":\"X\",\"lastName\":\"Z\"}")) {
            same(json, Identity.class);
        }
        for (String json : List.of("{}", "{\"emails\":null,\"phones\":[],\"addresses\":null}", "{\"phones\":[\"+33\",null,5,true]}",
                "{\"emails\":\"a@b.c\"}", "{\"emails\":[[\"a\"]]}", "{\"emails\":[{\"a\":1}]}", "{\"x\":1,\"emails\":[\"a@b.c\"],\"y\":[{}]}",
                "{\"addresses\":[null,{},{\"lines\":null,\"postalCode\":75001,\"commune\":\"P\",\"other\":[1]}]}",
                "{\"addresses\":[\"rue\"]}", "{\"addresses\":{\"lines\":[\"a\"]}}", "{\"addresses\":[{\"lines\":\"a\"}]}", "[]")) {
            same(json, Contacts.class);
        }
    }
}
