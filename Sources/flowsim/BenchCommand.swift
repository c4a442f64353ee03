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
            let replications = options.replications ?? scenario.run.replications
            let seed = options.seed ?? scenario.run.seed
            let runner = ReplicationRunner(threads: options.threads)
            var rates: [Double] = [], eventRates: [Double] = []
            var patients = 0
            for _ in 0..<max(repeats, 1) {
                let start = Date()
                let result = runner.run(scenario.config, seed: seed, replications: replications)
                let seconds = Date().timeIntervalSince(start)
                patients = result.patients
                rates.append(Double(result.patients) / seconds)
                eventRates.append(Double(result.events) / seconds)
            }
            print(String(format: "%@: %d replication%@ on %d thread%@: %.0f patients/s (median of %d), %.0f events/s, %d patients per run, peak RSS %.1f MiB",
                         scenario.config.name, replications, replications == 1 ? "" : "s",
                         runner.threads, runner.threads == 1 ? "" : "s", median(rates), rates.count,
                         median(eventRates), patients, PeakMemory.mebibytes))
        }
    }

    func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

enum PeakMemory {
    /// Peak resident set size of this process (Linux reports KiB).
    static var mebibytes: Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
