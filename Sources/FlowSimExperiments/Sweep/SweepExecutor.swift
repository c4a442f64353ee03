import FlowSimCore
import Foundation
import FlowSimModel

/// The results of one point: every option's results document over the
/// same replications (schema "flowsim.sweep-point/1"). One such file per
/// finished point is what makes a sweep resumable and mergeable.
public struct SweepPointResult: Sendable, Codable {
    public static let schemaID = "flowsim.sweep-point/1"

    public var schema = SweepPointResult.schemaID
    /// The plan identity of the sweep the point belongs to.
    public var sweep: String
    public var point: Int
    public var id: String
    public var parameters: [String: Double]
    /// One results document per option, in option order. Their
    /// `wall_seconds` is the replications' summed run time (timing only:
    /// never copied into the combined results).
    public var options: [ExperimentResult]
}

/// A flag that workers check between jobs; set from a signal handler or
/// when writing a result fails.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false

    public init() {}

    public var isSet: Bool {
        lock.lock(); defer { lock.unlock() }
        return set
    }

    public func cancel() {
        lock.lock(); defer { lock.unlock() }
        set = true
    }
}

/// Where a sweep run has got to, for progress displays.
public struct SweepProgress: Sendable {
    public var pointsDone: Int
    public var pointsTotal: Int
    public var replicationsDone: Int
    public var replicationsTotal: Int
}

/// Runs the points of a sweep on every core.
///
/// The unit of work is one replication of one option at one point; jobs
/// are handed out point by point, so few points are open at a time and
/// finished points are saved as the run goes. A point's document is built
/// and handed to `finished` by whichever worker completes its last job.
/// Results depend only on (point, option, replication, seed): not on the
/// number of threads, the order jobs finish, or which points were run
/// before an interruption.
public struct SweepExecutor: Sendable {
    public let runner: ReplicationRunner

    public init(threads: Int? = nil) { runner = ReplicationRunner(threads: threads) }

    /// What a run did.
    public struct Outcome: Sendable {
        /// Points finished and handed to `finished`, in point order.
        public var finishedPoints: [Int]
        public var replications: Int
        public var wallSeconds: Double
        /// True when the run stopped early (cancelled, or `finished` threw).
        public var stopped: Bool
        /// The first error thrown by `finished`.
        public var error: Error?
    }

    /// Runs `points` (point numbers of `plan`) with the configurations
    /// `configurations[i]` (one per option) of `points[i]`.
    public func run(plan: SweepPlan, points: [Int], configurations: [[ModelConfig]],
                    alreadyDone: Int = 0, cancellation: CancellationFlag = CancellationFlag(),
                    progress: (@Sendable (SweepProgress) -> Void)? = nil,
                    finished: @escaping @Sendable (SweepPointResult) throws -> Void) -> Outcome {
        precondition(points.count == configurations.count)
        let options = plan.options.count, replications = plan.replications
        let perPoint = options * replications
        let state = OpenPoints(count: points.count, perPoint: perPoint)
        let seed = plan.seed
        let start = Date()
        let totals = (points: alreadyDone + points.count, replications: (alreadyDone + points.count) * perPoint)
        let failure = FirstError()

        _ = runner.map(points.count * perPoint) { job -> Bool in
            if cancellation.isSet { return false }
            let slot = job / perPoint, option = (job % perPoint) / replications, replication = job % replications
            let began = Date()
            let result = Replication.run(configurations[slot][option], seed: seed, replication: replication)
            let seconds = Date().timeIntervalSince(began)
            if let runs = state.store(result, seconds: seconds, slot: slot, index: job % perPoint) {
                let number = points[slot]
                let documents = (0..<options).map { o in
                    let config = configurations[slot][o]
                    return ExperimentResult(
                        scenario: plan.options[o].label, seed: seed,
                        warmupDays: config.warmup / CalendarTime.minutesPerDay, horizonDays: config.horizon / CalendarTime.minutesPerDay,
                        runs: Array(runs.results[(o * replications)..<((o + 1) * replications)]),
                        wallSeconds: runs.seconds[(o * replications)..<((o + 1) * replications)].reduce(0, +))
                }
                let point = SweepPointResult(sweep: plan.identity, point: number, id: plan.pointID(number),
                                             parameters: plan.values(ofPoint: number), options: documents)
                do {
                    try finished(point)
                    state.markSaved(slot)
                } catch {
                    failure.record(error)
                    cancellation.cancel()
                }
            }
            let snapshot = state.snapshot()
            progress?(SweepProgress(pointsDone: alreadyDone + snapshot.saved, pointsTotal: totals.points,
                                    replicationsDone: alreadyDone * perPoint + snapshot.replications,
                                    replicationsTotal: totals.replications))
            return true
        }
        let saved = state.savedSlots().map { points[$0] }
        return Outcome(finishedPoints: saved, replications: state.replicationsRun,
                       wallSeconds: Date().timeIntervalSince(start),
                       stopped: saved.count < points.count, error: failure.error)
    }
}

/// Replication results of the points being run, until each is complete.
final class OpenPoints: @unchecked Sendable {
    struct Complete { let results: [ReplicationResult]; let seconds: [Double] }

    private let lock = NSLock()
    private let perPoint: Int
    private var open: [Int: [(result: ReplicationResult, seconds: Double)?]] = [:]
    private var remaining: [Int]
    private var saved: [Bool]
    private var savedCount = 0
    private(set) var replicationsRun = 0

    init(count: Int, perPoint: Int) {
        self.perPoint = perPoint
        remaining = Array(repeating: perPoint, count: count)
        saved = Array(repeating: false, count: count)
    }

    /// Stores one replication; returns the point's results when it was the last.
    func store(_ result: ReplicationResult, seconds: Double, slot: Int, index: Int) -> Complete? {
        lock.lock(); defer { lock.unlock() }
        replicationsRun += 1
        var runs = open[slot] ?? Array(repeating: nil, count: perPoint)
        runs[index] = (result, seconds)
        remaining[slot] -= 1
        if remaining[slot] == 0 {
            open[slot] = nil
            return Complete(results: runs.map { $0!.result }, seconds: runs.map { $0!.seconds })
        }
        open[slot] = runs
        return nil
    }

    func markSaved(_ slot: Int) {
        lock.lock(); defer { lock.unlock() }
        saved[slot] = true
        savedCount += 1
    }

    /// Points saved and replications run so far.
    func snapshot() -> (saved: Int, replications: Int) {
        lock.lock(); defer { lock.unlock() }
        return (savedCount, replicationsRun)
    }

    func savedSlots() -> [Int] {
        lock.lock(); defer { lock.unlock() }
        return saved.indices.filter { saved[$0] }
    }
}

final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?
    func record(_ e: Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = e }
    }
}
