import Foundation
import FlowSimExperiments

/// Plain-text tables for the terminal: one row per metric, one column per
/// scope, each cell "mean [95% CI]".
public enum TableReport {
    /// The metrics planners read first; `--metrics all` prints every one.
    public static let keyMetrics = [
        "ae_attendances_per_day", "ae_ambulance_arrivals_per_day", "ae_walk_in_arrivals_per_day",
        "ae_within_4h", "ae_breaches_4h", "ae_time_in_dept_mean_min",
        "ae_time_in_dept_median_min", "ae_time_in_dept_p95_min", "ae_wait_for_cubicle_mean_min", "ae_p_wait",
        "cubicle_occupancy_mean", "admissions_per_day", "nel_admissions_per_1000", "trolley_waits_12h",
        "bed_occupancy_mean", "bed_occupancy_rate", "bed_occupancy_p95", "hours_beds_full",
        "handover_delay_over_30_min", "handover_delay_over_60_min", "ambulance_response_mean_min",
        "conveyance_travel_mean_min", "transfers_out_per_day", "bed_days_per_1000",
    ]

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
        var rows = [["metric"] + result.mainScopes]
        for name in names {
            rows.append([name] + result.mainScopes.map { scope in
                result.metrics[scope]?[name].map { cell($0, metric: name) } ?? "-"
            })
        }
        out += layout(rows)
        let periods = result.scopes.filter { $0.hasPrefix("system@") }
        if !periods.isEmpty {
            out += "\nsystem by financial year\n\n"
            var yearly = [["metric"] + periods.map { String($0.dropFirst("system@".count)) }]
            for name in names where result.metrics[periods[0]]?[name] != nil {
                yearly.append([name] + periods.map { result.metrics[$0]?[name].map { cell($0, metric: name) } ?? "-" })
            }
            out += layout(yearly)
        }
        let others = result.scopes.filter { !result.mainScopes.contains($0) && !$0.contains("@") }
        if !others.isEmpty {
            out += "\n(\(others.count) locality scopes and the per-site figures by year are in the JSON and CSV output)\n"
        }
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
