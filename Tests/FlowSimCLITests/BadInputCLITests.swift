import FlowSimTestSupport
import Foundation
import Testing

// Issue 13: bad command lines are refused precisely, with exit code 2,
// before anything runs or is written.

private let r1 = "Scenarios/reference/R1-mmc.yaml"

@Suite struct BadInputCLITests {
    /// Defect 1: numeric options have the bounds of their scenario keys
    /// (no "failed to allocate" crash for 10^10 replications).
    @Test func numericOptionsHaveTheBoundsOfTheirScenarioKeys() throws {
        let cases: [([String], String)] = [
            (["run", r1, "--replications", "10000000000"], "--replications expects a whole number between 1 and 100000, got 10000000000"),
            (["run", r1, "--replications", "100001"], "--replications expects a whole number between 1 and 100000, got 100001"),
            (["compare", r1, r1, "--replications", "1e9"], "--replications expects a whole number between 1 and 100000, got '1e9'"),
            (["run", r1, "--seed", "99999999999999999999"], "--seed expects a whole number >= 0, got 99999999999999999999"),
            (["run", r1, "--threads", "100000"], "--threads expects a whole number between 1 and 4096, got 100000"),
            (["bench", r1, "--repeats", "0"], "--repeats expects a whole number between 1 and 1000, got 0"),
            (["sweep", "Scenarios/sweeps/none.yaml", "--out", "/tmp/x", "--threads", "5000"], "--threads expects a whole number between 1 and 4096, got 5000"),
            (["sweep", "Scenarios/sweeps/none.yaml", "--out", "/tmp/x", "--shard", "1/10000000000"], "expected N <= 1000000"),
        ]
        for (arguments, message) in cases {
            let r = try FlowSimTool.run(arguments)
            #expect(r.status == 2, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    /// Defect 7: a negative number is a bad value, not a missing one.
    @Test func negativeNumbersAreDiagnosedAsBadValues() throws {
        let cases: [([String], String)] = [
            (["run", r1, "--replications", "-1"], "--replications expects a whole number between 1 and 100000, got -1"),
            (["run", r1, "-r", "-1"], "--replications expects a whole number between 1 and 100000, got -1"),
            (["run", r1, "--threads", "-2"], "--threads expects a whole number between 1 and 4096, got -2"),
            (["validate", r1, "--seed", "-1"], "--seed expects a whole number >= 0, got -1"),
            (["bench", r1, "--repeats", "-3"], "--repeats expects a whole number between 1 and 1000, got -3"),
            (["sweep", "x.yaml", "--out", "/tmp/x", "--shard", "-1/2"], "expected 1 <= K <= N"),
        ]
        for (arguments, message) in cases {
            let r = try FlowSimTool.run(arguments)
            #expect(r.status == 2, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains("Missing value"), "\(arguments): \(r.stderr)")
        }
    }

    /// Defect 6 (and "a path under an existing file"): every output path
    /// is checked before the run; the message names the option.
    @Test func unwritableOutputPathsAreRefusedBeforeTheRun() throws {
        let dir = try makeTemporaryDirectory("flowsim-bad-output")
        let file = dir.appendingPathComponent("a-file.txt")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["run", r1, "--json", "/proc/x/out.json"], "--json /proc/x/out.json: cannot create directory /proc/x"),
            (["run", r1, "--csv", file.path + "/out.csv"], "--csv \(file.path)/out.csv: \(file.path) is a file, so nothing can be created under it"),
            (["run", r1, "--html", dir.path], "--html \(dir.path): \(dir.path) is a directory"),
            (["compare", r1, r1, "--json", "/proc/x/c.json"], "--json /proc/x/c.json: cannot create directory /proc/x"),
            (["run", r1, "--json", dir.path + "/same", "--csv", dir.path + "/same"], "--json and --csv both write"),
            (["sweep", "Scenarios/sweeps/mse-options-lhs.yaml", "--out", file.path + "/sweep"], "--out \(file.path)/sweep: \(file.path) is a file"),
            (["sweep", "Scenarios/sweeps/mse-options-lhs.yaml", "--out", "/proc/x/sweep"], "--out /proc/x/sweep: cannot create directory /proc/x"),
            (["merge", dir.path, "--out", file.path], "--out \(file.path): \(file.path) is a file, not a directory"),
        ]
        for (arguments, message) in cases {
            let start = Date()
            let r = try FlowSimTool.run(arguments)
            #expect(r.status == 2, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains("NSCocoaErrorDomain"), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(arguments): nothing may run")
            #expect(Date().timeIntervalSince(start) < 5, "\(arguments): refused before any run")
        }
        // The checks leave nothing behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a-file.txt"])
    }

    /// A scenario path under an existing file: a clean message and exit 2.
    @Test func aScenarioPathUnderAFileIsACleanError() throws {
        let r = try FlowSimTool.run(["run", r1 + "/x.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(r1)/x.yaml: (top level): scenario file not found"), "\(r.stderr)")
    }

    /// `validate` on a sweep file checks it as a sweep, not as a scenario
    /// missing 'run'; a bad design is not blamed again as "got grid".
    @Test func validateRecognisesASweepFile() throws {
        let good = try FlowSimTool.run(["validate", "Scenarios/sweeps/R2-uncertainty-lhs.yaml"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("valid sweep — 'R2 uncertainty', 30 points"), "\(good.stdout)")

        let dir = try makeTemporaryDirectory("flowsim-validate-sweep")
        let file = dir.appendingPathComponent("sweep.yaml").path
        try """
            schema: flowsim.sweep/1
            scenarios: [\(PackagePaths.r2)]
            parameters:
              sites.ED.wards.general.beds: {uniform: {low: 300, high: 340}}
            design: {random: {points: 0}}
            best: {metric: ae_within_4h, direction: max}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try FlowSimTool.run(["validate", file])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(file):5:27: design.random.points: a random design needs at least 1 point, got 0"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("missing required key 'run'"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("got grid"), "\(bad.stderr)")
        #expect(bad.stderr.contains("1 problem"), "\(bad.stderr)")
    }
}
