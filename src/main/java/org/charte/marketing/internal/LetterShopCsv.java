package org.charte.marketing.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The letter shop's list of a postal campaign (R9.9, L9) as a CSV that Excel opens as it is in
 * France: UTF-8 with a byte order mark (without it Excel reads the file as Windows-1252 and
 * garbles every accent), fields separated by {@code ;} (French Excel splits on the list separator
 * of the French regional settings, {@code ;}, because the comma is the decimal separator: a
 * comma-separated file opens in one column), lines ended by CRLF (RFC 4180). A field holding
 * {@code ;}, a quote or a line break is quoted, quotes doubled; a field starting with {@code =},
 * {@code +}, {@code -}, {@code @} or a tab is prefixed with {@code '} so that Excel never reads it
 * as a formula. Framework-free.
 */
final class LetterShopCsv {

    static final char BOM = '\uFEFF';
    static final String SEPARATOR = ";";
    static final String HEADER = String.join(SEPARATOR, "civilite", "prenoms", "nom", "adresse_1", "adresse_2", "adresse_3", "adresse_4",
            "code_postal", "commune", "pays");

    private LetterShopCsv() {}

    static String of(List<LetterAddress> letters) {
        StringBuilder csv = new StringBuilder().append(BOM).append(HEADER).append("\r\n");
        for (LetterAddress letter : letters) {
            List<String> fields = new ArrayList<>(List.of(letter.civility(), letter.firstNames(), letter.lastName()));
            for (int i = 0; i < LetterAddress.LINES; i++) {
                fields.add(i < letter.lines().size() ? letter.lines().get(i) : "");
            }
            fields.addAll(List.of(letter.postalCode(), letter.commune(), letter.country()));
            csv.append(String.join(SEPARATOR, fields.stream().map(LetterShopCsv::field).toList())).append("\r\n");
        }
        return csv.toString();
    }

    static String field(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(SEPARATOR) || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
