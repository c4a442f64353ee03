import FlowSimExperiments
import FlowSimModel

/// The comparison table: per scope, one row per metric, one column per
/// option with its mean and CI, and for each option after the first the
/// paired difference against the first with its CI.
public enum ComparisonReport {
    public static func render(_ comparison: Comparison, metrics: [String]? = nil) -> String {
        guard let reference = comparison.options.first else { return "" }
        var out = "Comparison against \(reference.scenario): \(reference.replications) paired replications "
        out += "(common random numbers, seed \(reference.seed)); cells are mean [95% CI], "
        out += "Δ is the option minus \(reference.scenario) with its paired 95% CI\n"
        let names = TableReport.select(metrics, from: reference.metricNames)
        for scope in reference.mainScopes + reference.scopes.filter({ $0.isPeriod && $0.kind == .system }) {
            out += "\n== \(scope) ==\n"
            var header = ["metric"]
            for (i, option) in comparison.options.enumerated() {
                header.append(option.scenario)
                if i > 0 { header.append("Δ \(option.scenario)") }
            }
            var rows = [header]
            for name in names {
                var row = [name]
                for (i, option) in comparison.options.enumerated() {
                    row.append(option.metrics[scope]?[name].map { TableReport.cell($0, metric: name) } ?? "-")
                    if i > 0 {
                        row.append(comparison.differences[option.scenario]?[scope]?[name]
                            .map { TableReport.cell($0, metric: name) } ?? "-")
                    }
                }
                rows.append(row)
            }
            out += TableReport.layout(rows)
        }
        return out
    }
}
