import FlowSimExperiments
import FlowSimReports
import Testing

/// The terminal table of `flowsim run`.
@Suite struct TableReportTests {
    @Test func cellsAreMeansWithTheirIntervalsInAlignedColumns() throws {
        let result = try ReportFixture.result("R1", ["ae_wait_for_cubicle_mean_min": [1, 2, 3], "ae_within_4h": [0.9, 0.95, 1]])
        let lines = TableReport.render(result).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "R1: 3 replications, seed 7, warm-up 1 d, measured 5 d; 30 patient journeys in 0.00 s")
        #expect(lines[1] == "mean [95% confidence interval] across replications")
        // Key metrics in their order; scopes as columns; fractions to four places.
        let header = lines[3], rule = lines[4]
        #expect(header.split(separator: " ") == ["metric", "system", "ED"])
        #expect(rule.split(separator: " ").allSatisfy { $0.allSatisfy { $0 == "-" } })
        let within = try #require(lines.first { $0.hasPrefix("ae_within_4h") })
        let wait = try #require(lines.first { $0.hasPrefix("ae_wait_for_cubicle_mean_min") })
        #expect(lines.firstIndex(of: within)! < lines.firstIndex(of: wait)!)
        // 0.95 ± t(0.975, 2) · 0.05/√3 = 0.95 ± 0.1242
        #expect(within.hasSuffix("0.9500 [0.8258, 1.0742]  0.9500 [0.8258, 1.0742]"))
        // 2 ± t(0.975, 2) · 1/√3 = 2 ± 2.484, right-aligned under the wider cells above
        #expect(wait.hasSuffix("2.00 [-0.48, 4.48]       2.00 [-0.48, 4.48]"))
        #expect(Set([header, rule, within, wait].map(\.count)).count == 1)
    }

    @Test func metricSelection() {
        let available = ["zeta", "ae_p_wait", "ae_within_4h"]
        #expect(TableReport.select(nil, from: available) == ["ae_within_4h", "ae_p_wait"])
        #expect(TableReport.select(["all"], from: available) == available)
        #expect(TableReport.select(["zeta", "unknown"], from: available) == ["zeta"])
    }
}

/// The "wrote a, b, c" line on a terminal: wrapped between paths, never
/// inside one, continuation lines under the first path.
@Suite struct WrappedListTests {
    @Test func breaksBetweenItemsAtTheWidth() {
        let items = ["results/comparison.json", "results/comparison.csv", "results/comparison.html",
                     "results/comparison-model.md"]
        let text = CompactReport.wrappedList("wrote ", items, width: 60)
        #expect(text == """
            wrote results/comparison.json, results/comparison.csv,
                  results/comparison.html, results/comparison-model.md
            """)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 60 })
    }

    @Test func keepsOneLineWhenItFitsAndNeverSplitsAnItem() {
        #expect(CompactReport.wrappedList("wrote ", ["a.json", "b.csv"], width: .max) == "wrote a.json, b.csv")
        // An item longer than the width stands on a line of its own, whole.
        let long = String(repeating: "x", count: 30)
        #expect(CompactReport.wrappedList("wrote ", [long, "b"], width: 20) == "wrote \(long),\n      b")
        #expect(CompactReport.wrappedList("wrote ", ["only"], width: 5) == "wrote only")
    }
}
