package org.charte.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The privacy policy as people read it, cut into clauses (L10): each heading of the rendered text
 * ({@code 5. Durée de conservation des données}, {@code 9.1. Vos droits ...}) with the paragraphs,
 * list items and table rows under it, as plain text. Taken from the very page the site shows
 * ({@link PolicyDocuments}), so that comparing two versions compares what people were told.
 */
public final class PolicyClauses {

    /** One clause: its number ({@code 5}, {@code 9.1}), its heading and its text, one entry per block. */
    public record Clause(String number, String title, List<String> paragraphs) {

        public Clause {
            paragraphs = List.copyOf(paragraphs);
        }
    }

    private static final Pattern HEADING = Pattern.compile("<h([23])[^>]*>(.*?)</h\\1>", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("^([1-9][0-9]?(?:\\.[1-9][0-9]?)?)\\.?\\s");
    private static final Pattern BLOCK = Pattern.compile("</?(?:p|li|ul|ol|h4|tr|caption|div|table|thead|tbody)\\b[^>]*>|<br\\s*/?>");
    private static final Pattern CELL = Pattern.compile("</t[dh]>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private PolicyClauses() {}

    /** The clauses of a version's privacy policy in one language. */
    public static List<Clause> of(Policy policy, PolicyVersion version, Locale locale) {
        return parse(PolicyDocuments.renderStandalone(policy, version, PolicyDocuments.Document.PRIVACY_POLICY, locale));
    }

    /** The clauses of a rendered privacy policy page: from its first section to its versions list or its end. */
    static List<Clause> parse(String html) {
        int start = html.indexOf("<section id=\"objet\"");
        if (start < 0) {
            return List.of();
        }
        int end = html.indexOf("<section id=\"versions\"", start);
        if (end < 0) {
            end = html.indexOf("</main>", start);
        }
        String body = html.substring(start, end < 0 ? html.length() : end);
        List<Clause> clauses = new ArrayList<>();
        Matcher heading = HEADING.matcher(body);
        String number = null;
        String title = null;
        int from = 0;
        while (heading.find()) {
            if (title != null) {
                clauses.add(new Clause(number, title, blocks(body.substring(from, heading.start()))));
            }
            title = text(heading.group(2));
            Matcher n = NUMBER.matcher(title);
            number = n.find() ? n.group(1) : title;
            from = heading.end();
        }
        if (title != null) {
            clauses.add(new Clause(number, title, blocks(body.substring(from))));
        }
        return clauses;
    }

    private static List<String> blocks(String html) {
        String flat = SPACES.matcher(html).replaceAll(" "); // the source's line breaks are not the text's
        String marked = CELL.matcher(BLOCK.matcher(flat).replaceAll("\n")).replaceAll(" · ");
        List<String> blocks = new ArrayList<>();
        for (String line : marked.split("\n")) {
            String text = text(line);
            if (text.endsWith(" ·")) {
                text = text.substring(0, text.length() - 2);
            }
            if (!text.isEmpty()) {
                blocks.add(text);
            }
        }
        return blocks;
    }

    private static String text(String html) {
        return SPACES.matcher(HtmlUtils.htmlUnescape(TAG.matcher(html).replaceAll(" "))).replaceAll(" ").trim()
                .replace(" ,", ",").replace(" .", ".").replace("( ", "(").replace(" )", ")");
    }
}
