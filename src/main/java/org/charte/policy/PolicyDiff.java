package org.charte.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.charte.policy.PolicyClauses.Clause;
import org.jspecify.annotations.Nullable;

/**
 * What changed between two versions of the policy text, clause by clause (L10): each clause's old
 * and new text, paragraph by paragraph, with the words removed and added marked, and the changes the
 * newer file declares for that clause (what, why, from which findings, material or not).
 * Framework-free: it compares the texts it is given.
 */
public final class PolicyDiff {

    public enum Mark { SAME, REMOVED, ADDED }

    /** A run of words, kept, removed or added. */
    public record Segment(Mark mark, String text) {}

    /** One paragraph of one side: its segments, and whether anything in it changed. */
    public record Paragraph(List<Segment> segments, boolean changed) {

        public Paragraph {
            segments = List.copyOf(segments);
        }
    }

    public enum Status { SAME, CHANGED, ADDED, REMOVED }

    /** One clause of the comparison: its number and titles, both texts marked, and the declared changes. */
    public record ClauseDiff(String number, @Nullable String oldTitle, @Nullable String newTitle, Status status,
            List<Paragraph> oldText, List<Paragraph> newText, List<Policy.Change> changes) {

        public ClauseDiff {
            oldText = List.copyOf(oldText);
            newText = List.copyOf(newText);
            changes = List.copyOf(changes);
        }

        public String title() {
            return newTitle != null ? newTitle : Objects.requireNonNull(oldTitle);
        }

        public boolean material() {
            return changes.stream().anyMatch(Policy.Change::material);
        }
    }

    /**
     * The whole comparison: every clause in reading order, and the declared changes of clauses the
     * texts do not have (so that nothing the file says is hidden).
     */
    public record Comparison(List<ClauseDiff> clauses, List<Policy.Change> unplaced, boolean changesDeclared) {

        public Comparison {
            clauses = List.copyOf(clauses);
            unplaced = List.copyOf(unplaced);
        }

        public List<ClauseDiff> changed() {
            return clauses.stream().filter(c -> c.status() != Status.SAME || !c.changes().isEmpty()).toList();
        }

        public List<ClauseDiff> unchanged() {
            return clauses.stream().filter(c -> c.status() == Status.SAME && c.changes().isEmpty()).toList();
        }
    }

    private static final Pattern WORDS = Pattern.compile("\\s+");

    private PolicyDiff() {}

    /**
     * Compares {@code before} with {@code after}; {@code changes} are the changes the newer file
     * declares (null when it declares none for this pair of versions).
     */
    public static Comparison compare(List<Clause> before, List<Clause> after, Policy.@Nullable Changes changes) {
        Map<String, Clause> old = new LinkedHashMap<>();
        before.forEach(c -> old.putIfAbsent(c.number(), c));
        Map<String, Clause> fresh = new LinkedHashMap<>();
        after.forEach(c -> fresh.putIfAbsent(c.number(), c));
        List<String> order = new ArrayList<>();
        int i = 0;
        for (String number : fresh.keySet()) {
            // the old clauses gone before this one keep their place
            List<String> oldNumbers = new ArrayList<>(old.keySet());
            while (i < oldNumbers.size() && !fresh.containsKey(oldNumbers.get(i))) {
                order.add(oldNumbers.get(i++));
            }
            if (i < oldNumbers.size() && oldNumbers.get(i).equals(number)) {
                i++;
            }
            order.add(number);
        }
        List<String> oldNumbers = new ArrayList<>(old.keySet());
        for (; i < oldNumbers.size(); i++) {
            if (!order.contains(oldNumbers.get(i))) {
                order.add(oldNumbers.get(i));
            }
        }
        List<ClauseDiff> clauses = new ArrayList<>();
        for (String number : order) {
            Clause a = old.get(number);
            Clause b = fresh.get(number);
            List<Policy.Change> declared = changes == null ? List.of() : changes.of(number);
            clauses.add(clause(number, a, b, declared));
        }
        List<Policy.Change> unplaced = changes == null ? List.of()
                : changes.items().stream().filter(c -> !order.contains(c.clause())).toList();
        return new Comparison(clauses, unplaced, changes != null);
    }

    private static ClauseDiff clause(String number, @Nullable Clause a, @Nullable Clause b, List<Policy.Change> declared) {
        if (a == null) {
            return new ClauseDiff(number, null, b.title(), Status.ADDED, List.of(), whole(b.paragraphs(), Mark.ADDED), declared);
        }
        if (b == null) {
            return new ClauseDiff(number, a.title(), null, Status.REMOVED, whole(a.paragraphs(), Mark.REMOVED), List.of(), declared);
        }
        if (a.title().equals(b.title()) && a.paragraphs().equals(b.paragraphs())) {
            return new ClauseDiff(number, a.title(), b.title(), Status.SAME, whole(a.paragraphs(), Mark.SAME),
                    whole(b.paragraphs(), Mark.SAME), declared);
        }
        List<Paragraph> left = new ArrayList<>();
        List<Paragraph> right = new ArrayList<>();
        paragraphs(a.paragraphs(), b.paragraphs(), left, right);
        return new ClauseDiff(number, a.title(), b.title(), Status.CHANGED, left, right, declared);
    }

    private static List<Paragraph> whole(List<String> paragraphs, Mark mark) {
        return paragraphs.stream().map(p -> new Paragraph(List.of(new Segment(mark, p)), mark != Mark.SAME)).toList();
    }

    /** Paragraphs kept whole are matched first (longest common subsequence); the others, between two matches, are compared word by word in pairs. */
    private static void paragraphs(List<String> a, List<String> b, List<Paragraph> left, List<Paragraph> right) {
        int[][] lcs = lcs(a, b);
        int i = 0;
        int j = 0;
        List<String> gone = new ArrayList<>();
        List<String> come = new ArrayList<>();
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                flush(gone, come, left, right);
                left.add(new Paragraph(List.of(new Segment(Mark.SAME, a.get(i))), false));
                right.add(new Paragraph(List.of(new Segment(Mark.SAME, b.get(j))), false));
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                come.add(b.get(j++));
            } else {
                gone.add(a.get(i++));
            }
        }
        flush(gone, come, left, right);
    }

    private static void flush(List<String> gone, List<String> come, List<Paragraph> left, List<Paragraph> right) {
        int pairs = Math.min(gone.size(), come.size());
        for (int k = 0; k < pairs; k++) {
            List<String> x = List.of(WORDS.split(gone.get(k)));
            List<String> y = List.of(WORDS.split(come.get(k)));
            int[][] lcs = lcs(x, y);
            List<Segment> l = new ArrayList<>();
            List<Segment> r = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < x.size() || j < y.size()) {
                if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
                    add(l, Mark.SAME, x.get(i++));
                    add(r, Mark.SAME, y.get(j++));
                } else if (j < y.size() && (i == x.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                    add(r, Mark.ADDED, y.get(j++));
                } else {
                    add(l, Mark.REMOVED, x.get(i++));
                }
            }
            left.add(new Paragraph(l, true));
            right.add(new Paragraph(r, true));
        }
        for (int k = pairs; k < gone.size(); k++) {
            left.add(new Paragraph(List.of(new Segment(Mark.REMOVED, gone.get(k))), true));
        }
        for (int k = pairs; k < come.size(); k++) {
            right.add(new Paragraph(List.of(new Segment(Mark.ADDED, come.get(k))), true));
        }
        gone.clear();
        come.clear();
    }

    /** Appends a word to the last segment if it has the same mark (words joined by one space). */
    private static void add(List<Segment> segments, Mark mark, String word) {
        if (!segments.isEmpty() && segments.getLast().mark() == mark) {
            Segment last = segments.removeLast();
            segments.add(new Segment(mark, last.text() + " " + word));
        } else {
            segments.add(new Segment(mark, word));
        }
    }

    /** lcs[i][j]: the length of the longest common subsequence of a[i..] and b[j..]. */
    private static int[][] lcs(List<String> a, List<String> b) {
        int[][] table = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                table[i][j] = a.get(i).equals(b.get(j)) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
            }
        }
        return table;
    }
}
