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

    /// Times `repeats` (at least one) runs of `replications` replications.
    public static func measure(_ config: ModelConfig, seed: UInt64, replications: Int, repeats: Int,
                               runner: ReplicationRunner) -> Benchmark {
        var rates: [Double] = [], eventRates: [Double] = []
        var patients = 0
        for _ in 0..<max(repeats, 1) {
            let start = Date()
            let result = runner.run(config, seed: seed, replications: replications)
            let seconds = Date().timeIntervalSince(start)
            patients = result.patients
            rates.append(Double(result.patients) / seconds)
            eventRates.append(Double(result.events) / seconds)
        }
        return Benchmark(scenario: config.name, replications: replications, threads: runner.threads,
                         repeats: rates.count, patientsPerSecond: median(rates),
                         eventsPerSecond: median(eventRates), patientsPerRepeat: patients)
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
