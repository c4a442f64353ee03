import Foundation
import FlowSimTestSupport
import Testing

/// `--html`: a self-contained report a planner can open or paste.
@Suite struct HTMLReportCLITests {
    static let r2 = PackagePaths.root.appendingPathComponent("Scenarios/reference/R2-exit-block.yaml").path
    static let moreCubicles = PackagePaths.root.appendingPathComponent("Scenarios/sweeps/R2-option-beds-for-cubicles.yaml").path

    @Test func compareWritesAChartAndTableForEveryMetric() throws {
        let dir = try makeTemporaryDirectory("flowsim-html")
        let html = dir.appendingPathComponent("report.html")
        let r = try FlowSimTool.run(["compare", Self.r2, Self.moreCubicles, "--replications", "2",
                                     "--set", "run.horizon=40 days", "--metrics", "ae_within_4h,bed_occupancy_mean",
                                     "--html", html.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: html, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.hasSuffix("</html>\n"))
        // The summary first (a table and a forest plot of the differences),
        // then one chart per metric asked for, headed by its label and unit.
        #expect(text.components(separatedBy: "<section class=\"measure\">").count - 1 == 2)
        #expect(text.contains("id=\"forest\"") || text.contains("class=\"forest\""))
        #expect(text.contains("<h3>Within 4 hours (%)</h3>") && text.contains("<h3>Occupied beds, mean (beds)</h3>"))
        #expect(text.range(of: "id=\"summary\"")!.lowerBound < text.range(of: "id=\"measures\"")!.lowerBound)
        #expect(text.contains("R2 exit block") && text.contains("Δ "))
        // Where the numbers came from: both input files with their SHA-256.
        #expect(text.contains("R2-exit-block.yaml") && text.contains("R2-option-beds-for-cubicles.yaml"))
        #expect(text.range(of: "<td class=\"hash\">[0-9a-f]{64}</td>", options: .regularExpression) != nil)
        // A standard line on the 4-hour chart.
        #expect(text.contains("95% standard"))
        // Self-contained: nothing fetched from elsewhere, no scripts.
        #expect(!text.contains("<script") && !text.contains("http://") && !text.contains("https://"))
    }

    @Test func runWritesAReportAndABadPathWritesNothing() throws {
        let dir = try makeTemporaryDirectory("flowsim-html")
        let html = dir.appendingPathComponent("run.html")
        let ok = try FlowSimTool.run(["run", Self.r2, "--replications", "2", "--set", "run.horizon=40 days",
                                      "--html", html.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try String(contentsOf: html, encoding: .utf8).contains("<svg "))

        let refused = dir.appendingPathComponent("refused.html")
        let bad = try FlowSimTool.run(["run", Self.r2, "--set", "sites.ED.wards.general.beds=-1", "--html", refused.path])
        #expect(bad.status != 0)
        #expect(!FileManager.default.fileExists(atPath: refused.path))
    }
}
