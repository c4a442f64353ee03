import FlowSimTestSupport
import Foundation
import Testing

/// The terminal table that fits, the model description, the event log and
/// the sweep's pictures, through the built `flowsim`.
@Suite struct ReportsCLITests {
    static let r2 = "Scenarios/reference/R2-exit-block.yaml"
    static let option = "Scenarios/sweeps/R2-option-beds-for-cubicles.yaml"
    static let short = ["--replications", "2", "--set", "run.horizon=40 days"]

    /// The width the tool fits: $COLUMNS, else 100 (standard output is a file here).
    static var width: Int { ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).map { max($0, 40) } ?? 100 }

    @Test func compareRefusesBadSeriesAndSizingOptionsBeforeRunning() throws {
        let dir = try makeTemporaryDirectory("flowsim-reports")
        let html = dir.appendingPathComponent("r.html").path
        let notSizing = dir.appendingPathComponent("not-sizing.json").path
        try #"{"schema": "flowsim.results/1"}"#.write(toFile: notSizing, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--sizing", notSizing], "--sizing is for the HTML report: give --html PATH"),
            (["--html", html, "--sizing", dir.appendingPathComponent("missing.json").path], "cannot read the file"),
            (["--html", html, "--sizing", notSizing], "not a flowsim.sizing/1 document"),
            (["--html", html, "--series-interval", "day"], "--series-interval needs --series"),
            (["--html", html, "--series", "beds", "--precision", "ae_within_4h=0.01"], "--series and --precision cannot be combined"),
            (["--html", html, "--series", "queue_of_dreams"], "queue_of_dreams"),
            (["--series", "beds"], "--series is for the HTML report: give --html PATH or --series-out PATH"),
            (["--html", html, "--series-out", dir.appendingPathComponent("s.csv").path], "--series-out needs --series"),
            (["--series", "beds", "--series-out", dir.path], "--series-out \(dir.path): "),
        ]
        for (arguments, message) in cases {
            let r = try FlowSimTool.run(["compare", Self.r2, Self.option] + Self.short + arguments)
            #expect(r.status == 2 && r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: html), "\(arguments): nothing is written")
        }
    }

    /// Every option's series in one file, CSV or JSON, without an HTML report.
    @Test func compareWritesEveryOptionsSeries() throws {
        let dir = try makeTemporaryDirectory("flowsim-reports")
        let csv = dir.appendingPathComponent("series.csv").path, json = dir.appendingPathComponent("series.json").path
        for path in [csv, json] {
            let r = try FlowSimTool.run(["compare", Self.r2, Self.option, "--series", "beds", "--series-interval", "day",
                                         "--series-out", path] + Self.short)
            #expect(r.status == 0 && r.stderr.contains("wrote \(path)"), "\(r.stderr)")
        }
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "scenario,measure,site,start_day,end_day,mean,p10,p90,ci95_low,ci95_high")
        let scenarios = Set(rows.dropFirst().map { $0.split(separator: ",")[0] })
        #expect(scenarios.count == 2, "\(scenarios)")
        // 70 days (30 of warm-up and 40 measured) of daily buckets per option.
        #expect(rows.count - 1 == 2 * 70, "\(rows.count)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect(object["schema"] as? String == "flowsim.series-comparison/1")
        #expect((object["options"] as? [Any])?.count == 2)
    }

    @Test func compareFitsTheWidthAndSaysWhatItWrote() throws {
        let dir = try makeTemporaryDirectory("flowsim-reports")
        let json = dir.appendingPathComponent("c.json").path
        let r = try FlowSimTool.run(["compare", Self.r2, Self.option, "--json", json] + Self.short)
        #expect(r.status == 0, "\(r.stderr)")
        for line in r.stdout.split(separator: "\n") { #expect(line.count <= Self.width, "\(line)") }
        #expect(r.stdout.contains("Within 4 hours (%)") && r.stdout.contains("%"))
        #expect(r.stderr == "wrote \(json)\n")
        let markdown = try FlowSimTool.run(["compare", Self.r2, Self.option, "--format", "markdown"] + Self.short)
        #expect(markdown.stdout.contains("|---|"))
        let csv = try FlowSimTool.run(["compare", Self.r2, Self.option, "--format", "csv"] + Self.short)
        #expect(csv.stdout.hasPrefix("scenario,scope,metric,mean,ci95_low,ci95_high,diff_mean"))
        let bad = try FlowSimTool.run(["compare", Self.r2, Self.option, "--format", "xml"])
        #expect(bad.status == 2 && bad.stdout.isEmpty)
    }

    @Test func theStressDESDescriptionHasEverySection() throws {
        let dir = try makeTemporaryDirectory("flowsim-reports")
        let path = dir.appendingPathComponent("model.md").path
        let r = try FlowSimTool.run(["describe", "Scenarios/mse/option-1A.yaml", "--stress-des", path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for heading in ["## 1. Objectives", "### 1.1 Purpose of the model", "### 1.2 Model outputs", "### 1.3 Experimentation aims",
                        "## 2. Logic", "### 2.1 Base model overview diagram", "### 2.2 Base model logic", "### 2.3 Scenario logic",
                        "### 2.4 Algorithms", "### 2.5 Components", "#### 2.5.1 Entities", "#### 2.5.2 Activities",
                        "#### 2.5.3 Resources", "#### 2.5.4 Queues", "#### 2.5.5 Entry and exit points",
                        "## 3. Data", "### 3.1 Data sources", "### 3.2 Pre-processing", "### 3.3 Input parameters",
                        "### 3.4 Assumptions", "## 4. Experimentation", "### 4.1 Initialisation", "### 4.2 Run length",
                        "### 4.3 Estimation approach", "## 5. Implementation", "### 5.1 Software or programming language",
                        "### 5.2 Random sampling", "### 5.3 Model execution", "### 5.4 System specification",
                        "## 6. Code access", "### 6.1 Computer model sharing statement"] {
            #expect(text.contains(heading + "\n"), "missing \(heading)")
        }
        #expect(text.contains("```mermaid\nflowchart LR"))
        // Parameters of the option and of the baseline it inherits, with their sources.
        #expect(text.contains("| option-1A.yaml:") && text.contains("| baseline.yaml:"))
        #expect(text.contains("`sites.BTUHFT.wards.medical`") || text.contains("`sites.BTUHFT.wards.medical.beds`"))
        #expect(text.contains("seed S4"))
    }

    @Test func theEventLogLoadsAsOCELAndCSV() throws {
        let dir = try makeTemporaryDirectory("flowsim-reports")
        let csv = dir.appendingPathComponent("log.csv").path, ocel = dir.appendingPathComponent("log.json").path
        let r = try FlowSimTool.run(["run", Self.r2, "--replications", "1", "--set", "run.warmup=1 days",
                                     "--set", "run.horizon=2 days", "--trace", csv, "--trace", ocel, "--trace-limit", "300"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "case_id,activity,site,start,end,minutes")
        #expect(rows.count == 301)
        // What pm4py's OCEL 2.0 JSON reader needs, checked with Python's standard library.
        let check = """
            import json, sys
            d = json.load(open(sys.argv[1]))
            assert set(d) >= {"objectTypes", "eventTypes", "objects", "events"}, d.keys()
            types = {t["name"] for t in d["objectTypes"]}
            ids = {o["id"] for o in d["objects"]}
            assert {"patient", "site"} <= types
            assert all(o["type"] in types and isinstance(o["attributes"], list) for o in d["objects"])
            events = {t["name"] for t in d["eventTypes"]}
            assert len(d["events"]) == 300
            for e in d["events"]:
                assert e["type"] in events and e["time"].endswith("Z") and e["id"]
                assert e["relationships"] and all(r["objectId"] in ids and r["qualifier"] for r in e["relationships"])
            print("ok", len(d["events"]))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", check, ocel]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "ok 300\n")
        let bad = try FlowSimTool.run(["run", Self.r2, "--trace", dir.appendingPathComponent("log.txt").path])
        #expect(bad.status == 2)
    }

    @Test func theSweepReportHasItsCharts() throws {
        let dir = try makeTemporaryDirectory("flowsim-reports")
        let file = dir.appendingPathComponent("sweep.yaml").path
        try """
            schema: flowsim.sweep/1
            name: report test
            scenarios: [\(PackagePaths.r2), \(PackagePaths.root.appendingPathComponent(Self.option).path)]
            parameters:
              groups.all.admit_probability: {uniform: {low: 0.2, high: 0.3}}
              sites.ED.wards.general.beds: {uniform: {low: 70, high: 90}, integer: true}
            design: {latin_hypercube: {points: 8}}
            replications: 1
            seed: 3
            warmup: 6 hours
            horizon: 1 day
            metrics: [ae_within_4h]
            scopes: [system]
            best: {metric: ae_within_4h, scope: system, direction: max}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let html = dir.appendingPathComponent("sweep.html").path
        let r = try FlowSimTool.run(["sweep", file, "--out", dir.appendingPathComponent("out").path, "--html", html, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        for id in ["id=\"best\"", "id=\"tornado\"", "id=\"outcomes\"", "id=\"scatter\""] { #expect(text.contains(id), "no \(id)") }
        #expect(text.contains("Probability of being best on Within 4 hours"))
        #expect(!text.contains("<script"))
    }
}
