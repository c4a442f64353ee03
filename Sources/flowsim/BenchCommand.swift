import ArgumentParser
import FlowSim
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure simulated patients per wall-clock second on scenario files.",
        discussion: """
        Runs each scenario through the ordinary engine path several times and reports the \
        median rate (whole patient journeys per second), events per second and the peak \
        resident memory of the process. Build in release mode first (scripts/bench does). \
        With --model-only the replications record no measures: the same journeys and events, \
        timed without the measurement layer, to tell the engine's own speed from the cost of \
        measuring (docs/performance.md).
        """)

    @Argument(help: "Scenario files (YAML).")
    var files: [String]

    @Option(name: .customLong("repeats"), help: ArgumentHelp("Timed repetitions, 1-1000; the median is reported.", valueName: "n"))
    var repeatsText = "3"

    var repeats: Int { (try? NumericOption.parse(repeatsText, option: "--repeats", range: NumericOption.repeats)) ?? 3 }

    func validate() throws {
        do { _ = try NumericOption.parse(repeatsText, option: "--repeats", range: NumericOption.repeats) }
        catch let error as BadInput { throw BadInput.refuse("bench", error.message) }
    }

    @Flag(name: .customLong("model-only"),
          help: "Time the model alone: no measures recorded or collected, only the measured journeys counted.")
    var modelOnly = false

    @OptionGroup var options: RunOptions

    func run() throws {
        for file in files {
            let scenario = try options.load(file)
            let benchmark = Benchmark.measure(
                scenario.config, seed: options.seed ?? scenario.run.seed,
                replications: options.replications ?? scenario.run.replications, repeats: repeats,
                runner: ReplicationRunner(threads: options.threads), modelOnly: modelOnly)
            print(BenchReport.line(benchmark, peakMebibytes: PeakMemory.mebibytes))
        }
    }
}
