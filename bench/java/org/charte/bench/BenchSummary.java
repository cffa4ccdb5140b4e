package org.charte.bench;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the short summary of a JMH JSON result file (run by bench/run, not a test): for a
 * candidate and its baseline measured in the same run, p50, p99 and p99.9 (SampleTime) and the
 * mean (AverageTime) in microseconds, the ratios candidate/baseline, and whether the candidate's
 * p99 is under a target.
 *
 * <pre>BenchSummary RESULT.json CANDIDATE_BENCHMARK CANDIDATE_LABEL BASELINE_BENCHMARK BASELINE_LABEL [P99_TARGET_US]</pre>
 *
 * Benchmark names match the end of JMH's full names (e.g. {@code DecisionBenchmark.charte}).
 * Exits 1 when a benchmark is missing from the file or a score is not in microseconds.
 */
public final class BenchSummary {

    private record Scores(double p50, double p99, double p999, double mean) {}

    public static void main(String[] args) {
        if (args.length < 5) {
            System.err.println("usage: BenchSummary RESULT.json CANDIDATE LABEL BASELINE LABEL [P99_TARGET_US]");
            System.exit(2);
        }
        JsonNode root = JsonMapper.builder().build().readTree(new File(args[0]));
        Scores candidate = scores(root, args[1]);
        Scores baseline = scores(root, args[3]);
        String label = args[2];
        String baseLabel = args[4];
        int width = Math.max(Math.max(label.length(), baseLabel.length()), (label + "/" + baseLabel).length());
        String row = "  %-" + width + "s %10s %10s %10s %10s%n";
        System.out.printf(Locale.ROOT, row, "µs per decision", "p50", "p99", "p99.9", "mean");
        System.out.printf(Locale.ROOT, row, label, us(candidate.p50()), us(candidate.p99()), us(candidate.p999()), us(candidate.mean()));
        System.out.printf(Locale.ROOT, row, baseLabel, us(baseline.p50()), us(baseline.p99()), us(baseline.p999()), us(baseline.mean()));
        System.out.printf(Locale.ROOT, row, label + "/" + baseLabel, ratio(candidate.p50(), baseline.p50()),
                ratio(candidate.p99(), baseline.p99()), ratio(candidate.p999(), baseline.p999()), ratio(candidate.mean(), baseline.mean()));
        if (args.length > 5) {
            double target = Double.parseDouble(args[5]);
            System.out.printf(Locale.ROOT, "  %s p99 %s µs: target < %s µs %s%n", label, us(candidate.p99()), args[5],
                    candidate.p99() < target ? "MET" : "NOT MET");
        }
    }

    private static Scores scores(JsonNode root, String benchmark) {
        Map<String, JsonNode> byMode = new LinkedHashMap<>();
        for (JsonNode result : root) {
            if (result.path("benchmark").asString().endsWith("." + benchmark)) {
                byMode.put(result.path("mode").asString(), result.path("primaryMetric"));
            }
        }
        JsonNode sample = byMode.get("sample");
        JsonNode avgt = byMode.get("avgt");
        if (sample == null || avgt == null) {
            System.err.println("BenchSummary: " + benchmark + " lacks a SampleTime or an AverageTime result in the file");
            System.exit(1);
        }
        for (JsonNode metric : new JsonNode[] {sample, avgt}) {
            if (!metric.path("scoreUnit").asString().equals("us/op")) {
                System.err.println("BenchSummary: " + benchmark + " is not scored in us/op");
                System.exit(1);
            }
        }
        JsonNode percentiles = sample.path("scorePercentiles");
        return new Scores(percentiles.path("50.0").asDouble(), percentiles.path("99.0").asDouble(),
                percentiles.path("99.9").asDouble(), avgt.path("score").asDouble());
    }

    private static String us(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.3f" : value < 100 ? "%.2f" : "%.1f", value);
    }

    private static String ratio(double candidate, double baseline) {
        return baseline == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", candidate / baseline);
    }
}
