import FlowSimExperiments

/// Long-format CSV: one row per (scenario, scope, metric). `ci95_low` and
/// `ci95_high` are the interval a reader is given (`Measures.interval`):
/// Student t, or the bounded bootstrap interval where t would leave the
/// measure's range, so no interval of a count, time or fraction leaves it.
public enum CSVReport {
    public static let header = "scenario,scope,metric,mean,ci95_low,ci95_high,replications"

    public static func render(_ result: ExperimentResult) -> String {
        header + "\n" + rows(result).joined(separator: "\n") + "\n"
    }

    static func rows(_ result: ExperimentResult) -> [String] {
        var lines: [String] = []
        for scope in result.scopes {
            for name in result.metricNames {
                guard let s = result.metrics[scope]?[name] else { continue }
                let ci = Measures.interval(s, name)
                lines.append([quote(result.scenario), quote(scope.key), name, "\(s.mean)", "\(ci.low)", "\(ci.high)",
                              "\(s.perReplication.count)"].joined(separator: ","))
            }
            // "k of n replications unstable": a row of its own, the count
            // as its mean and no interval (only when the results carry it).
            if let k = result.unstableReplications(at: scope) {
                lines.append([quote(result.scenario), quote(scope.key), unstableRowName, "\(k)", "", "",
                              "\(result.replications)"].joined(separator: ","))
            }
        }
        return lines
    }

    /// The metric column of the unstable-replication count rows.
    public static let unstableRowName = "unstable_replications"


    /// RFC 4180 quoting where needed.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { ",\"\n".contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func render(_ comparison: Comparison) -> String {
        var lines = ["scenario,scope,metric,mean,ci95_low,ci95_high,diff_mean,diff_ci95_low,diff_ci95_high,replications"]
        for (id, option) in comparison.labelled {
            for scope in option.scopes {
                for name in option.metricNames {
                    guard let s = option.metrics[scope]?[name] else { continue }
                    let d = comparison.differences[id.label]?[scope]?[name]
                    let ci = Measures.interval(s, name)
                    lines.append([quote(id.label), quote(scope.key), name, "\(s.mean)", "\(ci.low)", "\(ci.high)",
                                  d.map { "\($0.mean)" } ?? "", d.map { "\($0.ci95Low)" } ?? "",
                                  d.map { "\($0.ci95High)" } ?? "", "\(s.perReplication.count)"].joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
