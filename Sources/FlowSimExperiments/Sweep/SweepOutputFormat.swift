import Foundation

/// The combined files of a finished sweep (results, sensitivity,
/// uncertainty) as bytes. What they look like is the presentation layer's
/// business (`SweepOutputFiles` in FlowSimReports); when and where they are
/// written, atomically, is the store's, so that a fresh run, a resumed run
/// and a merge write them the same way.
public protocol SweepOutputFormat: Sendable {
    /// File names (relative to the output directory) and their contents.
    func files(plan: SweepPlan, results: SweepResults, sensitivity: SweepSensitivity) throws
        -> [(name: String, data: Data)]
}
