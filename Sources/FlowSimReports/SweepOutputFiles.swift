import Foundation
import FlowSimExperiments

/// The files `flowsim sweep` and `flowsim merge` write beside the points:
/// results.csv/json, sensitivity.csv/json and, for sampled designs,
/// uncertainty.csv (docs/sweeps.md).
public struct SweepOutputFiles: SweepOutputFormat {
    public init() {}

    public func files(plan: SweepPlan, results: SweepResults, sensitivity: SweepSensitivity) throws
        -> [(name: String, data: Data)] {
        var files: [(name: String, data: Data)] = [
            ("results.json", try JSONReport.encode(results)),
            ("results.csv", Data(SweepCSV.results(results).utf8)),
            ("sensitivity.json", try JSONReport.encode(sensitivity)),
            ("sensitivity.csv", Data(SweepCSV.sensitivity(sensitivity).utf8)),
        ]
        if let uncertainty = results.uncertainty {
            files.append(("uncertainty.csv", Data(SweepCSV.uncertainty(uncertainty, options: plan.options, scopes: plan.scopes,
                                                                       metrics: plan.metrics).utf8)))
        }
        return files
    }
}
