import Foundation
import FlowSimModel

/// Speed of the engine on one scenario (`flowsim bench`): the ordinary
/// replication path timed several times, with the median rates.
public struct Benchmark: Sendable {
    public let scenario: String
    public let replications: Int
    public let threads: Int
    /// Timed repetitions behind the medians.
    public let repeats: Int
    /// Median whole patient journeys per wall-clock second.
    public let patientsPerSecond: Double
    /// Median events handled per wall-clock second.
    public let eventsPerSecond: Double
    /// Patients measured in one repetition (all replications together).
    public let patientsPerRepeat: Int
    /// Whether the model ran alone, without its measures (`modelOnly`).
    public let modelOnly: Bool

    /// Times `repeats` (at least one) runs of `replications` replications.
    /// With `modelOnly`, each replication records and collects no measure
    /// (`Replication.runModelOnly`): the same journeys and events, timed
    /// without the cost of measuring them, to tell the engine's speed from
    /// the measurement layer's. Without it, the ordinary path is timed.
    public static func measure(_ config: ModelConfig, seed: UInt64, replications: Int, repeats: Int,
                               runner: ReplicationRunner, modelOnly: Bool = false) -> Benchmark {
        var rates: [Double] = [], eventRates: [Double] = []
        var patients = 0
        for _ in 0..<max(repeats, 1) {
            let start = Date()
            let (journeys, events) = modelOnly
                ? runModelOnly(config, seed: seed, replications: replications, runner: runner)
                : run(config, seed: seed, replications: replications, runner: runner)
            let seconds = Date().timeIntervalSince(start)
            patients = journeys
            rates.append(Double(journeys) / seconds)
            eventRates.append(Double(events) / seconds)
        }
        return Benchmark(scenario: config.name, replications: replications, threads: runner.threads,
                         repeats: rates.count, patientsPerSecond: median(rates),
                         eventsPerSecond: median(eventRates), patientsPerRepeat: patients, modelOnly: modelOnly)
    }

    /// The ordinary path: replications, their measures and the summaries.
    static func run(_ config: ModelConfig, seed: UInt64, replications: Int,
                    runner: ReplicationRunner) -> (journeys: Int, events: Int) {
        let result = runner.run(config, seed: seed, replications: replications)
        return (result.patients, result.events)
    }

    static func runModelOnly(_ config: ModelConfig, seed: UInt64, replications: Int,
                             runner: ReplicationRunner) -> (journeys: Int, events: Int) {
        runner.map(replications) { Replication.runModelOnly(config, seed: seed, replication: $0) }
            .reduce((0, 0)) { ($0.0 + $1.journeys, $0.1 + $1.events) }
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

public enum PeakMemory {
    /// Peak resident set size of this process (Linux reports KiB).
    public static var mebibytes: Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
