import Foundation
import FlowSimExperiments
import FlowSimModel

/// Plain-text tables for the terminal: one row per metric, one column per
/// scope, each cell "mean [95% CI]".
public enum TableReport {
    /// The metrics planners read first (the catalogue's key metrics);
    /// `--metrics all` prints every one.
    public static var keyMetrics: [String] { MetricCatalogue.keyMetrics.map(\.id) }

    /// Selects metrics: nil means the key metrics present in the result.
    public static func select(_ names: [String]?, from available: [String]) -> [String] {
        guard let names else { return keyMetrics.filter(available.contains) }
        if names == ["all"] { return available }
        return names.filter(available.contains)
    }

    public static func render(_ result: ExperimentResult, metrics: [String]? = nil) -> String {
        var out = "\(result.scenario): \(result.replications) replication\(result.replications == 1 ? "" : "s"), "
        out += "seed \(result.seed), warm-up \(Self.days(result.warmupDays)), measured \(Self.days(result.horizonDays)); "
        out += "\(result.patients) patient journeys in \(String(format: "%.2f", result.wallSeconds)) s\n"
        out += "mean [95% confidence interval] across replications\n\n"
        let names = select(metrics, from: result.metricNames)
        var rows = [["metric"] + result.mainScopes.map(\.key)]
        for name in names {
            rows.append([name] + result.mainScopes.map { scope in
                result.metrics[scope]?[name].map { cell($0, metric: name) } ?? "-"
            })
        }
        out += layout(rows)
        let periods = result.scopes.filter { $0.isPeriod && $0.kind == .system }
        if !periods.isEmpty {
            out += "\nsystem by financial year\n\n"
            var yearly = [["metric"] + periods.map { $0.period ?? "" }]
            for name in names where result.metrics[periods[0]]?[name] != nil {
                yearly.append([name] + periods.map { result.metrics[$0]?[name].map { cell($0, metric: name) } ?? "-" })
            }
            out += layout(yearly)
        }
        let others = result.scopes.filter { !result.mainScopes.contains($0) && !$0.isPeriod }
        if !others.isEmpty {
            out += "\n(\(others.count) locality scopes and the per-site figures by year are in the JSON and CSV output)\n"
        }
        if result.showsRoadTimes { out += "(\(ExperimentResult.roadTimesNote))\n" }
        return out
    }

    static func cell(_ s: MetricSummary, metric: String) -> String {
        let f = { NumberFormat.figure($0, metric: metric) }
        return s.perReplication.count > 1 ? "\(f(s.mean)) [\(f(s.ci95Low)), \(f(s.ci95High))]" : f(s.mean)
    }

    static func days(_ d: Double) -> String {
        d == d.rounded() ? "\(Int(d)) d" : String(format: "%.2f d", d)
    }

    /// Left-aligned first column, right-aligned others, two spaces apart.
    static func layout(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (r, row) in rows.enumerated() {
            let cells = row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }
            out += cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            if r == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }
}
