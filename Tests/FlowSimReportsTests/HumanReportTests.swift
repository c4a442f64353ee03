import FlowSimExperiments
import FlowSimModel
import FlowSimReports
import Foundation
import Testing

/// The reports for people: terminal tables that fit, percentages, verdicts
/// by each measure's direction, round ticks, and the STRESS-DES sources.
@Suite struct HumanReportTests {
    func comparison() throws -> Comparison {
        try Comparison(options: [
            ReportFixture.result("baseline", ["ae_within_4h": [0.90, 0.91, 0.92], "trolley_waits_12h": [10, 12, 14],
                                              "ae_time_in_dept_mean_min": [150, 160, 170]]),
            ReportFixture.result("a much longer option name", ["ae_within_4h": [0.85, 0.86, 0.87], "trolley_waits_12h": [10, 13, 13],
                                                               "ae_time_in_dept_mean_min": [140, 150, 160]]),
        ])
    }

    @Test(arguments: [60, 80, 100, 160])
    func theCompactTableFitsTheWidth(width: Int) throws {
        let text = CompactReport.render(try comparison(), width: width)
        for line in text.split(separator: "\n") { #expect(line.count <= width, "\(line.count) > \(width): \(line)") }
        // Fractions as percentages, differences in percentage points with the verdict mark.
        #expect(text.contains("91.0% ±2.5"))
        #expect(text.contains("-5.0 [-5.0, -5.0] ✗"))
        // Lower time in A&E is better: -10 min every replication.
        #expect(text.contains("-10 [-10, -10] ✓"))
    }

    @Test func noPrintedIntervalLeavesTheMeasuresRange() throws {
        // 0, 0, 9: the t-interval of a count reaches below 0; the cell
        // gives the bounded interval instead, inside [0, ...).
        let waits = MetricSummary([0, 0, 9], bounds: .nonNegative)
        #expect(waits.ci95Low < 0)
        let cell = Measures.cell(waits, "trolley_waits_12h")
        #expect(cell.hasPrefix("3 [") && !cell.contains("-"), "\(cell)")
        // The CSV's interval is the same one.
        #expect(Measures.interval(waits, "trolley_waits_12h").low >= 0)
        #expect(Measures.interval(MetricSummary([5, 6, 7], bounds: .nonNegative), "x").low == MetricSummary([5, 6, 7]).ci95Low)
        // A fraction near 100% stays at or below 100.
        let share = MetricSummary([0.99, 1.0, 0.97], bounds: .unitInterval)
        #expect(!Measures.cell(share, "ae_within_4h").contains("±"))
        // Unstable replications are counted, not averaged.
        #expect(Measures.cell(MetricSummary([0, 1, 0, 1], bounds: .unitInterval), "unstable_replication") == "2 of 4")
        #expect(Measures.title("unstable_replication") == "Unstable replications")
    }

    @Test func markdownAndCSV() throws {
        let markdown = CompactReport.render(try comparison(), format: .markdown)
        #expect(markdown.contains("| option | Within 4 hours (%) |"))
        #expect(markdown.contains("|---|---:|"))
        #expect(CompactReport.render(try comparison(), format: .csv) == CSVReport.render(try comparison()))
    }

    @Test func verdictsFollowTheDirection() {
        let worse = MetricSummary([-0.02, -0.03, -0.025]), same = MetricSummary([-0.02, 0.03, 0])
        #expect(Measures.verdict(worse, "ae_within_4h") == .worse)
        #expect(Measures.verdict(worse, "trolley_waits_12h") == .better)
        #expect(Measures.verdict(same, "ae_within_4h") == .indistinguishable)
        #expect(Measures.verdict(worse, "ae_attendances_per_day") == .neutral)
        #expect(Measures.title("ae_within_4h") == "Within 4 hours (%)")
        #expect(Measures.label("ambulance_response_c2_mean_min") == MetricCatalogue.metric(named: "ambulance_response_c2_mean_min")?.label)
    }

    @Test func theHTMLSummaryComesFirstAndIsColoured() throws {
        let html = HTMLReport.render(try comparison())
        let summary = try #require(html.range(of: "id=\"summary\""))
        #expect(summary.lowerBound < html.range(of: "id=\"measures\"")!.lowerBound)
        #expect(html.contains("<td class=\"worse\">86.0% ±2.5"))
        #expect(html.contains("<td class=\"better\">150 ±24.8"))
        // Nothing is fetched.
        #expect(!html.contains("<script") && !html.contains("http"))
    }

    @Test func ticksAreOneTwoFiveSteps() {
        #expect(SVGChartProbe.ticks(0, 0.83) == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(SVGChartProbe.ticks(0, 1544) == [0, 500, 1000, 1500, 2000])
        #expect(SVGChartProbe.ticks(-3.2, 1.1) == [-4, -3, -2, -1, 0, 1, 2])
    }

    @Test func parametersCarryTheirComments() {
        let yaml = """
            # heading comment
            run:
              warmup: 28 days         # assumption: steady state
              seed: 2016
            sites:
              A:
                name: Basildon   # seed S4
                streams:
                  majors: {servers: 5}   # seed S4: "five bays"
            """
        let p = StressDESReport.parameters(yaml: yaml, file: "x.yaml")
        #expect(p.map(\.path) == ["run.warmup", "run.seed", "sites.A.streams.majors"])
        #expect(p[0].isAssumption && p[0].value == "28 days")
        #expect(p[1].isAssumption && p[1].source == "assumption (no source given)")
        #expect(!p[2].isAssumption && p[2].source == "seed S4: \"five bays\"" && p[2].line == 9)
    }
}
