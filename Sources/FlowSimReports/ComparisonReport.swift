import FlowSimExperiments
import FlowSimModel

/// The comparison table: per scope, one row per metric, one column per
/// option with its mean and CI, and for each option after the first the
/// paired difference against the first with its CI.
public enum ComparisonReport {
    public static func render(_ comparison: Comparison, metrics: [String]? = nil) -> String {
        guard let reference = comparison.options.first else { return "" }
        let referenceLabel = comparison.optionIDs[0].label
        var out = "Comparison against \(referenceLabel): \(reference.replications) paired replications "
        out += "(common random numbers, seed \(reference.seed)); cells are mean [95% CI], "
        out += "Δ is the option minus \(referenceLabel) with its paired 95% CI\n"
        let names = TableReport.select(metrics, from: reference.metricNames)
        for scope in reference.mainScopes + reference.scopes.filter({ $0.isPeriod && $0.kind == .system }) {
            out += "\n== \(scope) ==\n"
            var header = ["metric"]
            for (id, _) in comparison.labelled {
                header.append(id.label)
                if id.index > 0 { header.append("Δ \(id.label)") }
            }
            var rows = [header]
            for name in names {
                var row = [name]
                for (id, option) in comparison.labelled {
                    row.append(option.metrics[scope]?[name].map { TableReport.cell($0, metric: name) } ?? "-")
                    if id.index > 0 {
                        row.append(comparison.differences[id.label]?[scope]?[name]
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
