import FlowSimExperiments
import FlowSimReports
import Foundation
import Testing

/// Results documents: sorted keys and a final newline, so equal results
/// give equal bytes.
@Suite struct JSONReportTests {
    @Test func documentsAreCanonical() throws {
        let result = try ReportFixture.result("R1", ["b": [1, 2], "a": [3, 4]])
        let data = try JSONReport.encode(result)
        #expect(data == (try CanonicalJSON.encode(result)))
        #expect(data.last == 0x0A)
        let text = String(decoding: data, as: UTF8.self)
        let keys = ["\"horizon_days\"", "\"metrics\"", "\"patients\"", "\"replications\"", "\"scenario\"",
                    "\"schema\"", "\"seed\"", "\"wall_seconds\"", "\"warmup_days\""]
        let positions = try keys.map { try #require(text.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        #expect(text.range(of: "\"a\"")!.lowerBound < text.range(of: "\"b\"")!.lowerBound)
        // Read back and written again: the same bytes.
        let again = try JSONDecoder().decode(ExperimentResult.self, from: data)
        #expect(try JSONReport.encode(again) == data)
    }
}
