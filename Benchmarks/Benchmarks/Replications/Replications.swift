// One replication of a simulated year of each of the project's reference
// workloads R1 and R2 (Scenarios/reference/, described in docs/performance.md),
// loaded from the shipped scenario files and
// run through the same path as `flowsim run`: Replication.run on a ModelConfig.
// R1's year twice more, to split its cost: the model without its measures
// (Replication.runModelOnly) and a bare M/M/c on the engine's core
// (BareMMc.swift). Besides the wall clock, each iteration records the figure
// of merit, simulated patients (whole journeys measured in the year) per second.
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

/// Every benchmark here is one replication of a simulated year per iteration.
let yearConfiguration = Benchmark.Configuration(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal, patientsPerSecond],
    timeUnits: .milliseconds,
    warmupIterations: 1,
    maxDuration: .seconds(5),
    maxIterations: 25
)

/// A benchmark of one replication a year: `replication(i)` runs replication
/// i (each iteration a different one, independent streams, as in a real
/// experiment) and returns the journeys it measured.
func registerYear(_ name: String, _ replication: @escaping (Int) -> Int) {
    Benchmark(name, configuration: yearConfiguration) { benchmark in
        let start = ContinuousClock.now
        let journeys = replication(benchmark.currentIteration)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(patientsPerSecond, Int(Double(journeys) / seconds))
        blackHole(journeys)
    }
}

let benchmarks: @Sendable () -> Void = {
    let r1 = scenario("Scenarios/reference/R1-mmc.yaml"), r2 = scenario("Scenarios/reference/R2-exit-block.yaml")
    for (name, loaded) in [("R1 M/M/c, 1 year", r1), ("R2 exit block, 1 year", r2)] {
        registerYear(name) { Replication.run(loaded.config, seed: loaded.run.seed, replication: $0).measuredJourneys }
    }
    // The same R1 year without the NHS measures (`flowsim bench --model-only`),
    // and as a bare M/M/c on the engine's core: what the measures and the
    // model's generality each cost (docs/performance.md, "Fourteenth round").
    registerYear("R1 M/M/c, 1 year, model only") {
        Replication.runModelOnly(r1.config, seed: r1.run.seed, replication: $0).journeys
    }
    registerYear("R1 year as a bare M/M/c on FlowSimCore") {
        BareMMc.run(seed: r1.run.seed, replication: $0).journeys
    }
}
