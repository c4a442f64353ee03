import FlowSimExperiments

/// The CSV files of a sweep. Numbers are written in Swift's shortest
/// round-tripping form, so equal results give equal bytes; a missing
/// value is an empty cell.
public enum SweepCSV {
    /// One row per point and option: the parameter values, then for each
    /// metric and scope its mean and 95% CI (`<metric>.<scope>.mean`,
    /// `.ci95_low`, `.ci95_high`).
    public static func results(_ r: SweepResults) -> String {
        var header = ["point", "id", "option"] + r.parameters.map(\.name)
        for metric in r.metrics {
            for scope in r.scopes {
                header += ["mean", "ci95_low", "ci95_high"].map { "\(metric).\(scope).\($0)" }
            }
        }
        var lines = [header.map(CSVReport.quote).joined(separator: ",")]
        for point in r.points {
            for option in r.options {
                var row = ["\(point.point)", point.id, option.label]
                row += r.parameters.map { point.parameters[$0.name].map(SweepParameter.format) ?? "" }
                for metric in r.metrics {
                    for scope in r.scopes {
                        let cell = point.results[option.label]?[scope]?[metric]
                        row += [cell?.mean, cell?.ci95Low, cell?.ci95High].map(number)
                    }
                }
                lines.append(row.map(CSVReport.quote).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per (option, metric, scope, parameter), parameters ranked.
    public static func sensitivity(_ s: SweepSensitivity) -> String {
        var lines = ["option,metric,scope,rank,parameter,src,prcc,r2,points"]
        for entry in s.entries {
            for p in entry.parameters {
                lines.append([entry.option, entry.metric, entry.scope, "\(p.rank)", p.parameter,
                              number(p.src), number(p.prcc), number(entry.r2), "\(s.points)"]
                    .map(CSVReport.quote).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per (option, metric, scope): mean, 5th and 95th percentiles of
    /// the point means, and P(best) on the rows of the `best` metric.
    public static func uncertainty(_ u: UncertaintySummary, options: [SweepOption], scopes: [String],
                                   metrics: [String]) -> String {
        var lines = ["option,metric,scope,mean,p5,p95,p_best,points"]
        for option in options {
            for metric in metrics {
                for scope in scopes {
                    guard let spread = u.outcomes[option.label]?[scope]?[metric] else { continue }
                    let best = u.best.flatMap { $0.metric == metric && $0.scope == scope ? $0.probability[option.label] : nil }
                    lines.append([option.label, metric, scope, number(spread.mean), number(spread.p5), number(spread.p95),
                                  number(best), "\(u.points)"].map(CSVReport.quote).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
}
