import ArgumentParser
import FlowSim
import Foundation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the output directories of every shard of a sweep (docs/cluster.md).",
        discussion: """
        Checks that the directories are all the shards 1..N of one sweep (same sweep file \
        and scenarios, each shard once, each finished), copies their point results into \
        --out and writes the same results.csv/json and sensitivity files as an unsharded run.
        """)

    @Argument(help: "Shard output directories (from 'flowsim sweep ... --shard K/N --out DIR').")
    var directories: [String]

    @Option(help: "Output directory for the merged sweep.")
    var out: String

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if directories.isEmpty { throw ValidationError("merge needs the shard directories") }
        if let problem = OutputPath.problemWritingDirectory(out) {
            throw BadInput.refuse("merge", "--out \(out): \(problem); nothing was merged")
        }
    }

    func run() throws {
        do {
            let (_, results, sensitivity) = try SweepStore.merge(directories, into: out, format: SweepOutputFiles())
            if !quiet {
                Terminal.error("merged \(directories.count) shard\(directories.count == 1 ? "" : "s") into \(out): \(results.points.count) points")
                print(SweepSummaryReport.render(results, sensitivity), terminator: "")
            }
        } catch let error as SweepError {
            Terminal.error("flowsim merge: \(error.message)")
            throw ExitCode(2)
        }
    }
}
