import FlowSimTestSupport
import Foundation
import Testing

/// Example tests of the command-line tool: they run the built `flowsim`
/// and check its output, its files and its exit code.
@Suite struct CLITests {
    static let r1 = "Scenarios/reference/R1-mmc.yaml"
    static let r2 = "Scenarios/reference/R2-exit-block.yaml"

    /// The metrics every results document must carry for A&E (issue 2, item 10).
    static let requiredMetrics = [
        "ae_attendances_per_day", "ae_wait_for_cubicle_mean_min", "ae_p_wait", "ae_time_in_dept_mean_min",
        "ae_time_in_dept_p95_min", "ae_within_4h", "ae_breaches_4h", "cubicle_occupancy_mean",
        "bed_occupancy_mean", "admissions_per_day",
    ]

    /// A file with one mistake: cubicles given as -3 on line 13.
    static let brokenScenario = """
        name: broken
        run:
          warmup: 1 days
          horizon: 2 days
        sites:
          ED:
            streams:
              cubicles:
                service: {exponential: {mean: 15 min}}
                # a comment line
                # another one
                # and a third
                servers: -3
        groups:
          all: {stream: cubicles, admit_probability: 0}
        arrivals:
          walk_in: {site: ED, rate_per_hour: 30, mix: {all: 1}}

        """

    private func json(_ path: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: path)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func contents(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func helpListsTheSubcommands() throws {
        let r = try FlowSimTool.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: flowsim <subcommand>"))
        for subcommand in ["run", "compare", "validate", "describe", "bench"] {
            #expect(r.stdout.contains("\n  \(subcommand) "), "help lacks '\(subcommand)':\n\(r.stdout)")
        }
        let run = try FlowSimTool.run(["run", "--help"])
        #expect(run.status == 0)
        for option in ["--replications", "--seed", "--threads", "--json", "--csv", "--set"] {
            #expect(run.stdout.contains(option), "run --help lacks \(option)")
        }
    }

    @Test func validateAValidFilePrintsOneLine() throws {
        let r = try FlowSimTool.run(["validate", Self.r1])
        #expect(r.status == 0)
        #expect(r.stdout == "\(Self.r1): valid — 'R1 M/M/c', 1 site, 1 patient group, 7 d warm-up + 365 d measured, 10 replications\n")
        #expect(r.stderr.isEmpty)
    }

    /// `bench --model-only` says so on its line and times the same journeys
    /// as the ordinary bench of the same replications.
    @Test func benchModelOnlyTimesTheSameJourneys() throws {
        let common = ["bench", Self.r1, "--repeats", "1", "-r", "2", "--set", "run.horizon=20 days"]
        let ordinary = try FlowSimTool.run(common)
        let alone = try FlowSimTool.run(common + ["--model-only"])
        #expect(ordinary.status == 0 && alone.status == 0)
        #expect(ordinary.stdout.hasPrefix("R1 M/M/c: 2 replications on"))
        #expect(alone.stdout.hasPrefix("R1 M/M/c (model only): 2 replications on"))
        func journeys(_ line: String) -> Substring? {
            line.split(separator: ",").first { $0.hasSuffix(" patients per run") }
        }
        #expect(journeys(ordinary.stdout) != nil)
        #expect(journeys(alone.stdout) == journeys(ordinary.stdout))
    }

    /// `--set` is applied to the file validated, and an override that
    /// makes it invalid is reported as such.
    @Test func validateAppliesOverrides() throws {
        let r = try FlowSimTool.run(["validate", Self.r1, "--set", "run.horizon=20 days"])
        #expect(r.status == 0)
        #expect(r.stdout == "\(Self.r1): valid — 'R1 M/M/c', 1 site, 1 patient group, 7 d warm-up + 20 d measured, 10 replications\n")
        let bad = try FlowSimTool.run(["validate", Self.r1, "--set", "run.horizon=3 days"])
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("run.warmup: warm-up (7 days) must be shorter than the measured horizon (3 days)"), "\(bad.stderr)")
    }

    @Test func validateABrokenFileNamesLineAndFieldAndFails() throws {
        let dir = try makeTemporaryDirectory("flowsim-cli")
        let file = dir.appendingPathComponent("broken.yaml")
        try Self.brokenScenario.write(to: file, atomically: true, encoding: .utf8)
        let r = try FlowSimTool.run(["validate", "broken.yaml"], in: dir)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("broken.yaml:13:18: sites.ED.streams.cubicles.servers: expected an integer between 1 and 1000000, got -3"),
                "\(r.stderr)")
        #expect(r.stderr.contains("; nothing was run"))
        // Nothing was written next to it.
        #expect(try contents(dir) == ["broken.yaml"])
        // A valid file alongside a broken one: the valid one is confirmed, the exit code still fails.
        let both = try FlowSimTool.run(["validate", PackagePaths.r2, "broken.yaml"], in: dir)
        #expect(both.status == 2)
        #expect(both.stdout.contains("R2-exit-block.yaml: valid — 'R2 exit block'"))
        #expect(both.stderr.contains("broken.yaml:13:18"))
    }

    @Test func runPrintsATableAndWritesJSONAndCSV() throws {
        let dir = try makeTemporaryDirectory("flowsim-cli")
        let jsonURL = dir.appendingPathComponent("out/results.json"), csvURL = dir.appendingPathComponent("results.csv")
        let r = try FlowSimTool.run(["run", Self.r1, "--replications", "2", "--set", "run.horizon=20 days",
                                     "--json", jsonURL.path, "--csv", csvURL.path, "--wide"])
        #expect(r.status == 0, "\(r.stderr)")
        // No progress line when stderr is not a terminal: only the files written.
        #expect(r.stderr == "wrote \(jsonURL.path), \(csvURL.path)\n")
        // The table: a heading, the column names, and each key metric's mean with its 95% CI.
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("R1 M/M/c: 2 replications, seed 1, warm-up 7 d, measured 20 d; ") == true)
        #expect(lines.contains("mean [95% confidence interval] across replications"))
        let header = try #require(lines.first { $0.hasPrefix("metric ") })
        #expect(header.split(separator: " ", omittingEmptySubsequences: true) == ["metric", "system", "ED"])
        let pWait = try #require(lines.first { $0.hasPrefix("ae_p_wait ") })
        #expect(pWait.contains(" [") && pWait.contains(", ") && pWait.contains("]"))

        let doc = try json(jsonURL)
        #expect(doc["schema"] as? String == "flowsim.results/1")
        #expect(Set(doc.keys) == ["schema", "scenario", "seed", "replications", "warmup_days", "horizon_days",
                                  "patients", "wall_seconds", "metrics", "scopes", "unstable_replications"])
        #expect(doc["scenario"] as? String == "R1 M/M/c")
        #expect(doc["seed"] as? Int == 1)
        #expect(doc["replications"] as? Int == 2)
        #expect(doc["warmup_days"] as? Double == 7)
        #expect(doc["horizon_days"] as? Double == 20)
        // About 720 patients a day for 20 days, twice.
        let patients = try #require(doc["patients"] as? Int)
        #expect(patients > 25_000 && patients < 32_000)
        #expect((doc["wall_seconds"] as? Double ?? -1) >= 0)
        let metrics = try #require(doc["metrics"] as? [String: [String: [String: Any]]])
        #expect(Set(metrics.keys) == ["system", "ED"])
        for scope in ["system", "ED"] {
            for name in Self.requiredMetrics {
                let m = try #require(metrics[scope]?[name], "no \(scope).\(name) in the JSON")
                let mean = try #require(m["mean"] as? Double)
                let low = try #require(m["ci95_low"] as? Double), high = try #require(m["ci95_high"] as? Double)
                let values = try #require(m["per_replication"] as? [Double])
                #expect(values.count == 2)
                #expect(low <= mean && mean <= high)
                #expect(abs(mean - values.reduce(0, +) / 2) < 1e-9 * max(1, abs(mean)))
            }
        }
        let within = try #require(metrics["system"]?["ae_within_4h"]?["mean"] as? Double)
        #expect(within > 0.99 && within <= 1)

        let csv = try String(contentsOf: csvURL, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(csv.first == "scenario,scope,metric,mean,ci95_low,ci95_high,replications")
        let rows = csv.dropFirst()
        let metricCount = metrics.values.reduce(0) { $0 + $1.count }
        // One row per metric and scope, and one count of unstable replications per scope.
        let metricRows = rows.filter { !$0.contains(",unstable_replications,") }
        #expect(metricRows.count == metricCount && rows.count == metricCount + metrics.count)
        #expect(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 7 })
        #expect(rows.contains { $0.hasPrefix("R1 M/M/c,ED,ae_p_wait,") && $0.hasSuffix(",2") })
        // Only the two requested files, no temporary leftovers.
        #expect(try contents(dir) == ["out", "results.csv"])
        #expect(try contents(dir.appendingPathComponent("out")) == ["results.json"])
    }

    @Test func runWithAnUnknownSetPathFailsAndWritesNothing() throws {
        let dir = try makeTemporaryDirectory("flowsim-cli")
        let jsonURL = dir.appendingPathComponent("results.json")
        let r = try FlowSimTool.run(["run", Self.r1, "--set", "run.horizn=20 days", "--json", jsonURL.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("<override>: run.horizn: unknown parameter path 'run.horizn': 'run' has no key 'horizn'; did you mean 'horizon'?"),
                "\(r.stderr)")
        #expect(r.stderr.contains("nothing was run"))
        #expect(r.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: jsonURL.path))
        #expect(try contents(dir).isEmpty)
    }

    @Test func runWithAnImpossibleSetValueFailsAndWritesNothing() throws {
        let dir = try makeTemporaryDirectory("flowsim-cli")
        let csvURL = dir.appendingPathComponent("results.csv")
        let r = try FlowSimTool.run(["run", Self.r1, "--set", "sites.ED.streams.cubicles.servers=-2", "--csv", csvURL.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("<override>: sites.ED.streams.cubicles.servers: expected an integer between 1 and 1000000, got -2"),
                "\(r.stderr)")
        #expect(try contents(dir).isEmpty)
    }

    @Test func badOptionsAreRefusedBeforeAnyRun() throws {
        let noEquals = try FlowSimTool.run(["run", Self.r1, "--set", "run.horizon"])
        #expect(noEquals.status != 0)
        #expect(noEquals.stderr.contains("--set expects path=value, got 'run.horizon'"))
        let noReplications = try FlowSimTool.run(["run", Self.r1, "--replications", "0"])
        #expect(noReplications.status != 0)
        #expect(noReplications.stderr.contains("--replications expects a whole number between 1 and 100000, got 0"))
        let missing = try FlowSimTool.run(["run", "Scenarios/no-such-file.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Scenarios/no-such-file.yaml: (top level): scenario file not found"), "\(missing.stderr)")
        let unknown = try FlowSimTool.run(["frobnicate"])
        #expect(unknown.status != 0)
    }

    @Test func resultsDoNotDependOnTheNumberOfThreads() throws {
        let dir = try makeTemporaryDirectory("flowsim-cli")
        var documents: [String] = []
        for threads in [1, 2] {
            let url = dir.appendingPathComponent("threads-\(threads).json")
            let r = try FlowSimTool.run(["run", Self.r2, "--replications", "3", "--threads", "\(threads)", "--quiet",
                                         "--set", "run.warmup=3 days", "--set", "run.horizon=4 days", "--json", url.path])
            #expect(r.status == 0, "\(r.stderr)")
            // Everything but the wall-clock time must be identical, byte for byte.
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains("\"wall_seconds\""))
            documents.append(text.split(separator: "\n").filter { !$0.contains("\"wall_seconds\"") }.joined(separator: "\n"))
        }
        #expect(documents[0] == documents[1])
        #expect(documents[0].contains("\"per_replication\""))
    }

    @Test func seedAndMetricsOptions() throws {
        let common = ["run", Self.r1, "--replications", "1", "--set", "run.warmup=1 days", "--set", "run.horizon=2 days",
                      "--metrics", "ae_p_wait,ae_attendances_per_day", "--wide"]
        let one = try FlowSimTool.run(common + ["--seed", "1"])
        let two = try FlowSimTool.run(common + ["--seed", "2"])
        #expect(one.status == 0 && two.status == 0)
        let rows = { (s: String) in s.split(separator: "\n").filter { $0.hasPrefix("ae_") }.map(String.init) }
        // Only the requested metrics, in the order requested.
        #expect(rows(one.stdout).map { $0.split(separator: " ").first.map(String.init) ?? "" }
                == ["ae_p_wait", "ae_attendances_per_day"])
        #expect(two.stdout.contains("seed 2,"))
        #expect(rows(one.stdout) != rows(two.stdout))
    }

    @Test func describeSummarisesTheScenario() throws {
        let r = try FlowSimTool.run(["describe", Self.r2])
        #expect(r.status == 0)
        for phrase in ["R2 exit block", "run: 30 d warm-up, 365 d measured, 10 replications, seed 1",
                       "ED (Reference A&E)", "triage: 2 servers, mean 5.0 min", "stream cubicles: 15 servers, mean 60.0 min",
                       "ward general: 320 beds", "all: stream cubicles, priority 0, admitted 25.0%, mean stay 4.00 d",
                       "walk_in -> ED (walk_in): 288.0 a day; mix all 100.0%"] {
            #expect(r.stdout.contains(phrase), "describe lacks '\(phrase)':\n\(r.stdout)")
        }
    }
}
