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
        resident memory of the process. Build in release mode first (scripts/bench does).
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

    @OptionGroup var options: RunOptions

    func run() throws {
        for file in files {
            let scenario = try options.load(file)
            let benchmark = Benchmark.measure(
                scenario.config, seed: options.seed ?? scenario.run.seed,
                replications: options.replications ?? scenario.run.replications, repeats: repeats,
                runner: ReplicationRunner(threads: options.threads))
            print(BenchReport.line(benchmark, peakMebibytes: PeakMemory.mebibytes))
        }
    }
}
