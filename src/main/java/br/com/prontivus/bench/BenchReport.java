package br.com.prontivus.bench;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The figures of one run: a JSON-ready tree (snake_case keys) and its text rendering. */
public final class BenchReport {

    private final Map<String, Object> data;
    private final java.util.function.Function<Map<String, Object>, String> text;

    BenchReport(Map<String, Object> data) {
        this.data = Collections.unmodifiableMap(data);
        this.text = null;
    }

    /** A report of another benchmark, with its own text rendering. */
    BenchReport(Map<String, Object> data, java.util.function.Function<Map<String, Object>, String> text) {
        this.data = Collections.unmodifiableMap(data);
        this.text = text;
    }

    public Map<String, Object> toMap() {
        return data;
    }

    public boolean passed() {
        return Boolean.TRUE.equals(data.get("pass"));
    }

    public String toText() {
        if (text != null) {
            return text.apply(data);
        }
        StringBuilder out = new StringBuilder();
        out.append("Prontivus local benchmark — ").append(data.get("date")).append('\n');
        Map<?, ?> machine = (Map<?, ?>) data.get("machine");
        machine.forEach((k, v) -> out.append(String.format("  %-17s %s%n", k, v)));
        out.append(String.format("  %-17s %s%n", "settings", data.get("settings")));

        Map<?, ?> reg = (Map<?, ?>) data.get("registration");
        out.append("\n1. Registration (one patient, outbox + audit, WAL + synchronous=FULL)\n");
        out.append(latencyLine("register", (Map<?, ?>) reg.get("latency")));
        out.append(latencyLine("bare commit", (Map<?, ?>) ((Map<?, ?>) reg.get("baseline")).get("latency")));
        out.append(String.format("  p99 ratio to bare commit: %sx; target %s: %s%n", reg.get("p99_ratio_to_baseline"),
                reg.get("target"), verdict(reg)));

        Map<?, ?> imp = (Map<?, ?>) data.get("import");
        Map<?, ?> raw = (Map<?, ?>) imp.get("baseline");
        out.append("\n2. CSV import (registerBatch, batches of ").append(((Map<?, ?>) data.get("settings")).get("batch_size"))
                .append(")\n");
        out.append(String.format("  %-14s %,10.0f rows/s  (%s rows, %s accepted, %s rejected, %.3f s)%n", "import",
                (Double) imp.get("rows_per_s"), imp.get("rows"), imp.get("accepted"), imp.get("rejected"),
                (Double) imp.get("seconds")));
        out.append(String.format("  %-14s %,10.0f rows/s  (%s rows, %.3f s)%n", "raw JDBC batch",
                (Double) raw.get("rows_per_s"), raw.get("rows"), (Double) raw.get("seconds")));
        out.append(String.format("  ratio import / raw: %s; target %s: %s%n", imp.get("ratio_to_baseline"),
                imp.get("target"), verdict(imp)));

        Map<?, ?> search = (Map<?, ?>) data.get("search");
        out.append("\n3. Search (limit ").append(((Map<?, ?>) data.get("settings")).get("search_limit"))
                .append(", over all patients)\n");
        out.append(latencyLine("name (all)", (Map<?, ?>) search.get("name")));
        out.append(latencyLine("cpf (all)", (Map<?, ?>) search.get("cpf")));
        ((Map<?, ?>) search.get("by_kind")).forEach((kind, v) -> {
            Map<?, ?> k = (Map<?, ?>) v;
            out.append(latencyLine(kind.toString(), (Map<?, ?>) k.get("latency")).stripTrailing())
                    .append(String.format("  hits %s  %s  e.g. %s%n", k.get("mean_hits"), verdict(k),
                            String.join(" | ", quoted((List<?>) k.get("examples")))));
        });
        out.append(String.format("  target %s: %s%n", search.get("target"), verdict(search)));
        out.append("\nOverall: ").append(passed() ? "PASS" : "FAIL").append('\n');
        return out.toString();
    }

    private static List<String> quoted(List<?> examples) {
        return examples.stream().map(e -> "\"" + e + "\"").toList();
    }

    private static String latencyLine(String label, Map<?, ?> l) {
        return String.format("  %-14s p50 %7.3f  p95 %7.3f  p99 %7.3f  max %8.3f ms  (n=%s)%n", label,
                (Double) l.get("p50_ms"), (Double) l.get("p95_ms"), (Double) l.get("p99_ms"), (Double) l.get("max_ms"),
                l.get("count"));
    }

    private static String verdict(Map<?, ?> section) {
        return Boolean.TRUE.equals(section.get("pass")) ? "PASS" : "FAIL";
    }
}
