import Foundation
import FlowSimModel
import FlowSimScenario

/// One run of `flowsim sweep`: a loaded sweep, its output directory and
/// the points of the shard still to do, with their configurations built
/// (and so validated) before anything is written or run.
public struct SweepRun: Sendable {
    public let sweep: Sweep
    public let store: SweepStore
    public let shard: SweepShard
    /// The shard's points, those already finished in the directory, and the rest.
    public let shardPoints: [Int]
    public let finished: [Int]
    public let pending: [Int]
    let configurations: [[ModelConfig]]

    /// - Throws: `SweepError` when the directory cannot be resumed (another
    ///   sweep, another shard, an unreadable point file);
    ///   `ScenarioValidationError` when a pending point's values make an
    ///   option invalid.
    public init(sweep: Sweep, out: String, shard: SweepShard = .whole) throws {
        self.sweep = sweep
        self.shard = shard
        store = try SweepStore.open(out, plan: sweep.plan, shard: shard, sweepFile: sweep.definition.file)
        shardPoints = shard.points(of: sweep.plan)
        finished = store.finishedPoints()
        _ = try store.loadPoints(finished)
        let done = Set(finished)
        pending = shardPoints.filter { !done.contains($0) }
        var configurations: [[ModelConfig]] = []
        var problems: [ScenarioIssue] = []
        for number in pending {
            do { configurations.append(try sweep.configurations(forPoint: number)) }
            catch let error as ScenarioValidationError { problems += error.issues }
        }
        if !problems.isEmpty { throw ScenarioValidationError(problems) }
        self.configurations = configurations
    }

    /// Writes the manifest if new, then runs the pending points, saving
    /// each as it finishes. Stops early when `cancellation` is set.
    public func run(threads: Int? = nil, cancellation: CancellationFlag = CancellationFlag(),
                    progress: (@Sendable (SweepProgress) -> Void)? = nil) throws -> SweepExecutor.Outcome {
        try store.create()
        let store = self.store
        return SweepExecutor(threads: threads).run(
            plan: sweep.plan, points: pending, configurations: configurations, alreadyDone: finished.count,
            cancellation: cancellation, progress: progress, finished: { try store.save($0) })
    }

    /// Whether every point of the sweep is now in the directory (always
    /// false for one shard of several: those are combined by `merge`).
    public var isComplete: Bool {
        shard.count == 1 && store.finishedPoints().count == sweep.plan.points.count
    }
}
