import FlowSimCore
import Foundation
import FlowSimModel

/// Runs independent replications on several threads.
///
/// Each replication's random numbers depend only on (seed, replication,
/// stream name), and results are stored by replication index, so the
/// outcome is bit-for-bit the same whatever the number of threads.
public struct ReplicationRunner: Sendable {
    public let threads: Int

    /// - Parameter threads: worker threads; nil means every core.
    public init(threads: Int? = nil) {
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Runs `count` jobs, calling `progress(done, count)` after each, and
    /// returns their results in job order.
    public func map<T: Sendable>(_ count: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
                                 _ job: @Sendable (Int) -> T) -> [T] {
        let results = ResultSlots<T>(count: count)
        let workers = min(threads, count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.claim() {
                let finished = results.store(job(index), at: index)
                if let progress { progress(finished, count) }
            }
        }
        return results.collected()
    }

    /// Runs `replications` replications of `config` from `seed`.
    public func run(_ config: ModelConfig, seed: UInt64, replications: Int,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) -> ExperimentResult {
        run(configs: [config], seed: seed, replications: replications, progress: progress)[0]
    }

    /// Runs `replications` replications of every configuration from the
    /// same `seed` (common random numbers: replication i of each sees the
    /// same streams), and returns one result per configuration, in order.
    ///
    /// The (configuration, replication) jobs share one pool of threads, so
    /// a slow option does not leave cores idle while the others wait. Each
    /// result's `wallSeconds` is the wall-clock time of the whole batch.
    public func run(configs: [ModelConfig], seed: UInt64, replications: Int,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) -> [ExperimentResult] {
        precondition(replications >= 1, "at least one replication")
        let start = Date()
        let layouts = configs.map(MetricLayout.init)
        let runs = map(configs.count * replications, progress: progress) { job in
            Replication.run(configs[job / replications], seed: seed, replication: job % replications,
                            layout: layouts[job / replications])
        }
        let wallSeconds = Date().timeIntervalSince(start)
        return configs.enumerated().map { i, config in
            ExperimentResult(
                scenario: config.name, seed: seed,
                warmupDays: config.warmup / CalendarTime.minutesPerDay, horizonDays: config.horizon / CalendarTime.minutesPerDay,
                runs: Array(runs[(i * replications)..<((i + 1) * replications)]), wallSeconds: wallSeconds,
                summarising: { count, summary in map(count, summary) })
        }
    }
}

/// Job hand-out and result slots shared by the worker threads.
final class ResultSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private(set) var finished = 0
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    /// Stores a result and returns how many are finished, read under the lock.
    func store(_ value: T, at index: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
        finished += 1
        return finished
    }

    func collected() -> [T] { slots.map { $0! } }
}
