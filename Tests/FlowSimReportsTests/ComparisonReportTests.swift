import FlowSimExperiments
import FlowSimReports
import Testing

/// The comparison in the terminal, CSV and HTML when options share a
/// name: each keeps its own column and its own difference.
@Suite struct ComparisonReportTests {
    func comparison() throws -> Comparison {
        try Comparison(options: [
            ReportFixture.result("R1", ["ae_wait_for_cubicle_mean_min": [4, 6]], scopes: ["system"]),
            ReportFixture.result("R1", ["ae_wait_for_cubicle_mean_min": [4, 6]], scopes: ["system"]),
            ReportFixture.result("R1", ["ae_wait_for_cubicle_mean_min": [1, 2]], scopes: ["system"]),
        ])
    }

    @Test func theTableHasAColumnAndADifferencePerOption() throws {
        let text = ComparisonReport.render(try comparison())
        #expect(text.hasPrefix("Comparison against R1: 2 paired replications (common random numbers, seed 7)"))
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("metric") })
        #expect(header.components(separatedBy: "  ").filter { !$0.isEmpty }.map { $0.trimmingCharacters(in: .whitespaces) }
            == ["metric", "R1", "R1 #2", "Δ R1 #2", "R1 #3", "Δ R1 #3"])
        let row = try #require(lines.first { $0.hasPrefix("ae_wait_for_cubicle_mean_min") })
        // Δ of the copy is exactly zero, of the third -3.5 (1.5 - 5).
        #expect(row.contains("0.00 [0.00, 0.00]"))
        #expect(row.contains("-3.50 ["))
    }

    @Test func theCSVHasOneDifferencePerOption() throws {
        let rows = CSVReport.render(try comparison()).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.map { $0[0] } == ["R1", "R1 #2", "R1 #3"])
        #expect(rows.map { $0[6] } == ["", "0.0", "-3.5"])
    }

    @Test func theHTMLHasOneDifferenceColumnPerOption() throws {
        let html = HTMLReport.render(try comparison(), metrics: ["ae_wait_for_cubicle_mean_min"])
        #expect(html.contains("<h1>Which option does better? R1 vs R1 #2 vs R1 #3</h1>"))
        // Each option is a row with its own paired difference.
        #expect(html.contains("<th scope=\"row\">R1 #2</th>") && html.contains("<th scope=\"row\">R1 #3</th>"))
        #expect(html.contains("Δ 0 [0, 0]"))
        #expect(html.contains("Δ -3.50 ["))
    }
}
