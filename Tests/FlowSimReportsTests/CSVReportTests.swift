import FlowSimExperiments
import FlowSimReports
import Testing

/// The long-format CSV of `flowsim run --csv`.
@Suite struct CSVReportTests {
    @Test func oneRowPerScopeAndMetricWithShortestRoundTripNumbers() throws {
        let result = try ReportFixture.result("R1", ["a": [1, 2], "b": [0.1, 0.2]])
        let lines = CSVReport.render(result).split(separator: "\n", omittingEmptySubsequences: false)
        let summary = MetricSummary([0.1, 0.2])
        #expect(lines == [
            "scenario,scope,metric,mean,ci95_low,ci95_high,replications",
            "R1,system,a,1.5,\(MetricSummary([1, 2]).ci95Low),\(MetricSummary([1, 2]).ci95High),2",
            "R1,system,b,\(summary.mean),\(summary.ci95Low),\(summary.ci95High),2",
            "R1,ED,a,1.5,\(MetricSummary([1, 2]).ci95Low),\(MetricSummary([1, 2]).ci95High),2",
            "R1,ED,b,\(summary.mean),\(summary.ci95Low),\(summary.ci95High),2",
            "",
        ])
    }

    @Test func namesWithCommasAndQuotesAreQuoted() throws {
        let result = try ReportFixture.result("R1, \"big\"", ["a": [1]], scopes: ["system"])
        #expect(CSVReport.render(result).split(separator: "\n")[1] == "\"R1, \"\"big\"\"\",system,a,1.0,1.0,1.0,1")
    }
}
