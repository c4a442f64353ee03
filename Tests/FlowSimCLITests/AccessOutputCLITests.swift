import FlowSimTestSupport
import Foundation
import Testing

/// Every locality of a network scenario has its travel, access and
/// response rows in the JSON and CSV, and the outputs say that road times
/// are approximations (issue 10).
@Suite struct AccessOutputCLITests {
    @Test func everyLocalityHasTravelAndAccessRowsInJSONAndCSV() throws {
        let dir = try makeTemporaryDirectory("flowsim-access")
        let json = dir.appendingPathComponent("r.json"), csv = dir.appendingPathComponent("r.csv")
        let r = try FlowSimTool.run(["run", "Scenarios/mse/baseline.yaml", "--replications", "1",
                                     "--set", "run.warmup=2 days", "--set", "run.horizon=3 days",
                                     "--json", json.path, "--csv", csv.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("road and blue-light times are approximations from coordinates"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect((document["road_times"] as? String)?.contains("approximations from coordinates") == true)
        let metrics = try #require(document["metrics"] as? [String: Any])
        let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        let names = ["travel_to_specialist_mean_min", "travel_to_nearest_ae_min", "population_within_45min_specialist",
                     "travel_ambulance_stroke_min", "ambulance_response_c2_mean_min"]
        for l in 1...26 {
            let id = l < 10 ? "L0\(l)" : "L\(l)"
            let scope = try #require(metrics[id] as? [String: Any], "\(id) in the JSON")
            for name in names {
                #expect(scope[name] != nil, "\(id): \(name) in the JSON")
                #expect(rows.contains { $0.hasPrefix("baseline,\(id),\(name),") }, "\(id): \(name) in the CSV")
            }
        }
    }

    /// No network, no note: R1's output is as before.
    @Test func aScenarioWithoutANetworkHasNoRoadTimeNote() throws {
        let dir = try makeTemporaryDirectory("flowsim-access")
        let json = dir.appendingPathComponent("r.json")
        let r = try FlowSimTool.run(["run", "Scenarios/reference/R1-mmc.yaml", "--replications", "1",
                                     "--set", "run.horizon=10 days", "--json", json.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("approximations"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect(document["road_times"] == nil)
    }
}
