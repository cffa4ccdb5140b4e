package org.charte.subjects.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PostalAddress;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON of a person's sealed identity and contacts as {@link SubjectStore} writes and reads it. Reading goes through
 * readers of its own for {@link Identity}, {@link Contacts} and {@link PostalAddress}, token by token: Jackson's way for
 * records (a buffer of properties, then the canonical constructor through {@code MethodHandle.invokeWithArguments}, a
 * date through {@code LocalDate.parse}) took about a quarter of a person read's CPU (bench/RESULTS.md, load, 2026-12-04).
 * They give what Jackson's own readers give for what the store writes: members in any order, a missing or null member
 * null (the records' constructors make a missing list empty), members unknown to the record ignored; any other shape of
 * a value (a number where a string is, a date written otherwise) is read by Jackson's own reader for its type, so it is
 * taken or refused exactly as before. {@code StoredJsonTests} compares both on random and odd values.
 */
final class StoredJson {

    private StoredJson() {}

    /** The mapper of the sealed fields: unknown members ignored (fields added later), these three read token by token. */
    static JsonMapper mapper() {
        SimpleModule readers = new SimpleModule("stored-subject-json")
                .addDeserializer(Identity.class, new IdentityReader())
                .addDeserializer(Contacts.class, new ContactsReader())
                .addDeserializer(PostalAddress.class, new AddressReader());
        return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).addModule(readers).build();
    }

    /** Jackson's own mapper for the same JSON, as {@link SubjectStore} read it before: what the tests compare with. */
    static JsonMapper plain() {
        return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    private static final class IdentityReader extends ValueDeserializer<Identity> {
        @Override
        public Identity deserialize(JsonParser p, DeserializationContext ctxt) {
            expectObject(p, ctxt, Identity.class);
            String civility = null;
            String lastName = null;
            String firstNames = null;
            LocalDate birthDate = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                switch (name) {
                    case "civility" -> civility = string(p, ctxt);
                    case "lastName" -> lastName = string(p, ctxt);
                    case "firstNames" -> firstNames = string(p, ctxt);
                    case "birthDate" -> birthDate = date(p, ctxt);
                    default -> p.skipChildren();
                }
            }
            return new Identity(civility, lastName, firstNames, birthDate);
        }
    }

    private static final class ContactsReader extends ValueDeserializer<Contacts> {
        @Override
        public Contacts deserialize(JsonParser p, DeserializationContext ctxt) {
            expectObject(p, ctxt, Contacts.class);
            List<PostalAddress> addresses = null;
            List<String> emails = null;
            List<String> phones = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                switch (name) {
                    case "addresses" -> addresses = addresses(p, ctxt);
                    case "emails" -> emails = strings(p, ctxt);
                    case "phones" -> phones = strings(p, ctxt);
                    default -> p.skipChildren();
                }
            }
            return new Contacts(addresses, emails, phones);
        }
    }

    private static final class AddressReader extends ValueDeserializer<PostalAddress> {
        @Override
        public PostalAddress deserialize(JsonParser p, DeserializationContext ctxt) {
            expectObject(p, ctxt, PostalAddress.class);
            List<String> lines = null;
            String postalCode = null;
            String commune = null;
            String country = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                switch (name) {
                    case "lines" -> lines = strings(p, ctxt);
                    case "postalCode" -> postalCode = string(p, ctxt);
                    case "commune" -> commune = string(p, ctxt);
                    case "country" -> country = string(p, ctxt);
                    default -> p.skipChildren();
                }
            }
            return new PostalAddress(lines, postalCode, commune, country);
        }
    }

    /** At the object's start (its members follow), or a refusal as Jackson words it for the type. */
    private static void expectObject(JsonParser p, DeserializationContext ctxt, Class<?> type) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            ctxt.handleUnexpectedToken(type, p);
        }
    }

    private static @Nullable String string(JsonParser p, DeserializationContext ctxt) {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getString();
            case VALUE_NULL -> null;
            default -> ctxt.readValue(p, String.class);
        };
    }

    private static @Nullable LocalDate date(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            String s = p.getString();
            if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-' && digits(s, 0, 4) && digits(s, 5, 7) && digits(s, 8, 10)) {
                try {
                    return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10), Integer.parseInt(s, 8, 10, 10));
                } catch (DateTimeException notADay) {
                    // Jackson's own reader refuses it below, in its words
                }
            }
        }
        return ctxt.readValue(p, LocalDate.class); // any other shape: Jackson's own reader takes or refuses it
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static @Nullable List<String> strings(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return ctxt.readValue(p, ctxt.getTypeFactory().constructCollectionType(List.class, String.class));
        }
        List<String> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(string(p, ctxt));
        }
        return values;
    }

    private static @Nullable List<PostalAddress> addresses(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return ctxt.readValue(p, ctxt.getTypeFactory().constructCollectionType(List.class, PostalAddress.class));
        }
        List<PostalAddress> values = new ArrayList<>();
        AddressReader reader = new AddressReader();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(p.currentToken() == JsonToken.VALUE_NULL ? null : reader.deserialize(p, ctxt));
        }
        return values;
    }
}
