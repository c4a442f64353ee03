// One replication of a simulated year of each of the project's reference
// workloads R1 and R2 (Scenarios/reference/, described in docs/performance.md),
// loaded from the shipped scenario files and
// run through the same path as `flowsim run`: Replication.run on a ModelConfig.
// Besides the wall clock, each iteration records the figure of merit,
// simulated patients (whole journeys measured in the year) per second.
import Benchmark
import FlowSim
import Foundation

/// The repository root, found from this file's own path so that the plugin's
/// working directory does not matter.
let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

func scenario(_ relativePath: String) -> Scenario {
    let path = repository.appendingPathComponent(relativePath).path
    do { return try Scenario.load(path: path) } catch { fatalError("cannot load \(path): \(error)") }
}

let patientsPerSecond = BenchmarkMetric.custom("patients/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    let workloads = [
        ("R1 M/M/c, 1 year", "Scenarios/reference/R1-mmc.yaml"),
        ("R2 exit block, 1 year", "Scenarios/reference/R2-exit-block.yaml"),
    ]
    for (name, path) in workloads {
        let loaded = scenario(path)
        Benchmark(name, configuration: .init(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal, patientsPerSecond],
            timeUnits: .milliseconds,
            warmupIterations: 1,
            maxDuration: .seconds(5),
            maxIterations: 25
        )) { benchmark in
            // Each iteration is a different replication (independent
            // streams), as in a real experiment.
            let start = ContinuousClock.now
            let result = Replication.run(loaded.config, seed: loaded.run.seed, replication: benchmark.currentIteration)
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            benchmark.measurement(patientsPerSecond, Int(Double(result.measuredJourneys) / seconds))
            blackHole(result)
        }
    }
}
