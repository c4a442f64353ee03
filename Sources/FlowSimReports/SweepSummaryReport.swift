import Foundation
import FlowSimExperiments

/// The text printed after a sweep: parameters ranked by influence on each
/// metric (a tornado of PRCC bars), then, for sampled designs, each
/// option's outcome range and probability of being best.
public enum SweepSummaryReport {
    public static func render(_ results: SweepResults, _ sensitivity: SweepSensitivity) -> String {
        let h = results.sweep
        var out = "Sweep '\(h.name)': \(h.points) point\(h.points == 1 ? "" : "s") (\(h.design), seed \(h.seed)) × "
        out += "\(results.options.count) option\(results.options.count == 1 ? "" : "s") × \(h.replications) replication\(h.replications == 1 ? "" : "s")\n"
        // The whole system when it is summarised, else every scope.
        let scopes = results.scopes.contains("system") ? ["system"] : results.scopes
        out += "\nSensitivity of each metric's point mean to the parameters, most influential first\n"
        out += "(PRCC: partial rank correlation; SRC: standardised regression coefficient, trustworthy when R² is high;\n"
        out += " every scope, option and parameter is in sensitivity.csv)\n"
        for entry in sensitivity.entries where scopes.contains(entry.scope) {
            out += "\n\(entry.metric) [\(entry.scope)] · \(entry.option)"
            out += entry.r2.map { String(format: " · R² %.2f", $0) } ?? ""
            out += "\n"
            if entry.parameters.allSatisfy({ $0.prcc == nil && $0.src == nil }) {
                out += "  (no estimate: the metric does not vary, or there are too few points)\n"
                continue
            }
            var rows = [["rank", "parameter", "PRCC", "SRC", ""]]
            for p in entry.parameters {
                let bar = p.prcc.map { String(repeating: $0 < 0 ? "-" : "+", count: Int((abs($0) * 20).rounded())) } ?? ""
                rows.append(["\(p.rank)", p.parameter, signed(p.prcc), signed(p.src), bar])
            }
            out += table(rows, leftAligned: [1, 4])
        }
        if let u = results.uncertainty {
            out += "\nOutcomes over the \(u.points) sampled points: mean [5th, 95th percentile] of the point means\n"
            for scope in scopes {
                var rows = [["metric [\(scope)]"] + results.options.map(\.label)]
                for metric in results.metrics {
                    rows.append([metric] + results.options.map { option in
                        guard let s = u.outcomes[option.label]?[scope]?[metric] else { return "-" }
                        let f = { NumberFormat.figure($0, metric: metric) }
                        return "\(f(s.mean)) [\(f(s.p5)), \(f(s.p95))]"
                    })
                }
                out += TableReport.layout(rows)
            }
            if let best = u.best {
                out += "\nProbability of being best on \(best.metric) [\(best.scope)] (\(best.direction == .max ? "highest" : "lowest") wins): "
                out += results.options.map { "\($0.label) \(String(format: "%.2f", best.probability[$0.label] ?? 0))" }
                    .joined(separator: ", ") + "\n"
            }
        }
        return out
    }

    static func signed(_ x: Double?) -> String { x.map { String(format: "%+.3f", $0) } ?? "-" }

    /// An indented table without a rule, with the given columns left-aligned.
    static func table(_ rows: [[String]], leftAligned: Set<Int>) -> String {
        var widths = [Int](repeating: 0, count: rows.map(\.count).max() ?? 0)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            let cells = row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return leftAligned.contains(i) ? cell + pad : pad + cell
            }
            var line = "  " + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
