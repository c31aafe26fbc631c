package io.txgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last step of {@code bench/compare.sh}: reads the runs of an old and a new server jar (one JSON line per workload
 * run, written by {@link BenchReport} with {@code --json-out}), and prints a Markdown table of medians and their ratios
 * with the targets of issue 15 judged.
 *
 * <p>Arguments: {@code --results=runs.jsonl --old=NAME --new=NAME} (the names of the two jars' runs, e.g. commits).
 * Exit code 1 when a run was not correct (a batch not ACCEPTED, or the database not holding the rows sent).
 */
public final class BenchCompare {

    /** The targets of issue 15, new against old in the same run. */
    static final double TERMINALS_MIN_TX_RATIO = 1.8;

    static final double TERMINALS_MAX_P99_RATIO = 0.6;
    static final double BULK_MIN_TX_RATIO = 1.6;
    static final double MAX_BYTES_RATIO = 0.55;
    static final double MAX_HEAP_MB = 512;
    /**
     * "No regression on PostgreSQL", with the allowance of run-to-run noise the record states: tx/s at least 95% of
     * the old jar's, p99 at most 105%.
     */
    static final double POSTGRES_NOISE = 0.05;

    private BenchCompare() {}

    /**
     * One workload run of one jar.
     *
     * @param label which jar: "old" or "new"
     * @param correct every batch ACCEPTED and the database holding exactly the rows sent
     */
    public record Result(
            String label,
            String store,
            String workload,
            int instances,
            double txPerSecond,
            double p99Ms,
            double bytesPerTransaction,
            boolean correct,
            double heapMb) {

        public String toJson() {
            return JsonMapper.shared().writeValueAsString(this);
        }

        static Result fromJson(String json) {
            return JsonMapper.shared().readValue(json, Result.class);
        }
    }

    public static void main(String[] args) throws IOException {
        BenchTools.quietLogging();
        Map<String, String> options = BenchTools.options(args);
        var results = new ArrayList<Result>();
        for (String line :
                Files.readAllLines(Path.of(BenchTools.required(options, "results")), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                results.add(Result.fromJson(line));
            }
        }
        Comparison comparison = compare(results);
        System.out.print(comparison.markdown(BenchTools.required(options, "old"), BenchTools.required(options, "new")));
        if (!comparison.allCorrect()) {
            System.exit(1);
        }
    }

    /** The medians of one store and workload, old and new. */
    record Pair(String store, String workload, List<Result> old, List<Result> now) {

        double ratio(ToDoubleFunction<Result> figure) {
            return median(now, figure) / median(old, figure);
        }
    }

    record Comparison(List<Pair> pairs) {

        boolean allCorrect() {
            return pairs.stream()
                    .allMatch(pair -> pair.old().stream().allMatch(Result::correct)
                            && pair.now().stream().allMatch(Result::correct));
        }

        String markdown(String oldName, String newName) {
            var text = new StringBuilder();
            text.append(
                    "| store | workload | runs old/new | tx/s old | tx/s new | ratio | p99 ms old | p99 ms new | ratio"
                            + " | bytes/tx old | bytes/tx new | ratio | heap max MB old/new | all ACCEPTED, rows = sent |\n");
            text.append(
                    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
            for (Pair pair : pairs) {
                text.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d/%d | %,.0f | %,.0f | %.2fx | %.1f | %.1f | %.2fx | %.1f | %.1f | %.2fx | %.0f/%.0f |"
                                + " %s |\n",
                        pair.store(),
                        pair.workload(),
                        pair.old().size(),
                        pair.now().size(),
                        median(pair.old(), Result::txPerSecond),
                        median(pair.now(), Result::txPerSecond),
                        pair.ratio(Result::txPerSecond),
                        median(pair.old(), Result::p99Ms),
                        median(pair.now(), Result::p99Ms),
                        pair.ratio(Result::p99Ms),
                        median(pair.old(), Result::bytesPerTransaction),
                        median(pair.now(), Result::bytesPerTransaction),
                        pair.ratio(Result::bytesPerTransaction),
                        max(pair.old(), Result::heapMb),
                        max(pair.now(), Result::heapMb),
                        pair.old().stream().allMatch(Result::correct)
                                        && pair.now().stream().allMatch(Result::correct)
                                ? "yes"
                                : "NO"));
            }
            text.append("\nMedians over the runs; ratios are new (")
                    .append(newName)
                    .append(") over old (");
            text.append(oldName).append("). Targets of issue 15:\n\n");
            for (String target : targets()) {
                text.append("- ").append(target).append('\n');
            }
            return text.toString();
        }

        List<String> targets() {
            var targets = new ArrayList<String>();
            for (Pair pair : pairs) {
                String name = pair.store() + " " + pair.workload();
                if (pair.store().equals("sqlite")) {
                    if (pair.workload().equals("terminals")) {
                        targets.add(
                                judge(name + " tx/s", pair.ratio(Result::txPerSecond), ">=", TERMINALS_MIN_TX_RATIO));
                        targets.add(judge(name + " p99", pair.ratio(Result::p99Ms), "<=", TERMINALS_MAX_P99_RATIO));
                    } else if (pair.workload().equals("bulk")) {
                        targets.add(judge(name + " tx/s", pair.ratio(Result::txPerSecond), ">=", BULK_MIN_TX_RATIO));
                    }
                    targets.add(judge(
                            name + " database bytes per stored transaction",
                            pair.ratio(Result::bytesPerTransaction),
                            "<=",
                            MAX_BYTES_RATIO));
                } else {
                    targets.add(judge(
                            name + " tx/s, no regression (5% noise allowed)",
                            pair.ratio(Result::txPerSecond),
                            ">=",
                            1 - POSTGRES_NOISE));
                    targets.add(judge(
                            name + " p99, no regression (5% noise allowed)",
                            pair.ratio(Result::p99Ms),
                            "<=",
                            1 + POSTGRES_NOISE));
                }
                double heap = Math.max(max(pair.old(), Result::heapMb), max(pair.now(), Result::heapMb));
                targets.add((heap <= MAX_HEAP_MB ? "met" : "MISSED") + ": " + name
                        + String.format(Locale.ROOT, " heap max %.0f MB <= %.0f MB", heap, MAX_HEAP_MB));
                boolean correct = pair.old().stream().allMatch(Result::correct)
                        && pair.now().stream().allMatch(Result::correct);
                targets.add((correct ? "met" : "MISSED") + ": " + name
                        + " every batch ACCEPTED and rows in the database = rows sent, every run");
            }
            return targets;
        }
    }

    static Comparison compare(List<Result> results) {
        var pairs = new LinkedHashMap<String, Pair>();
        for (Result result : results) {
            if (result.instances() != 1) {
                continue;
            }
            Pair pair = pairs.computeIfAbsent(
                    result.store() + "/" + result.workload(),
                    key -> new Pair(result.store(), result.workload(), new ArrayList<>(), new ArrayList<>()));
            (result.label().equals("old") ? pair.old() : pair.now()).add(result);
        }
        return new Comparison(pairs.values().stream()
                .filter(pair -> !pair.old().isEmpty() && !pair.now().isEmpty())
                .toList());
    }

    private static String judge(String what, double ratio, String relation, double target) {
        boolean met = relation.equals(">=") ? ratio >= target : ratio <= target;
        return String.format(
                Locale.ROOT, "%s: %s %.2fx (target %s %.2fx)", met ? "met" : "MISSED", what, ratio, relation, target);
    }

    static double median(List<Result> results, ToDoubleFunction<Result> figure) {
        double[] values = results.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double max(List<Result> results, ToDoubleFunction<Result> figure) {
        return results.stream().mapToDouble(figure).max().orElse(Double.NaN);
    }
}
