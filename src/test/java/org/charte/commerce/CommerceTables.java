package org.charte.commerce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads whole tables as a dump would, to look for a value in clear. */
public final class CommerceTables {

    private CommerceTables() {}

    /** Each table.column where one of the needles appears in clear (text, or bytes read as UTF-8 or Latin-1), case-insensitively. */
    public static List<String> scan(JdbcClient jdbc, List<String> tables, String... needles) {
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            for (Map<String, Object> row : jdbc.sql("SELECT * FROM " + table).query().listOfRows()) {
                for (Map.Entry<String, Object> column : row.entrySet()) {
                    Object value = column.getValue();
                    List<String> texts = value instanceof byte[] bytes
                            ? List.of(new String(bytes, StandardCharsets.UTF_8), new String(bytes, StandardCharsets.ISO_8859_1))
                            : List.of(String.valueOf(value));
                    for (String needle : needles) {
                        if (texts.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT)))) {
                            found.add(table + "." + column.getKey());
                        }
                    }
                }
            }
        }
        return found;
    }
}
