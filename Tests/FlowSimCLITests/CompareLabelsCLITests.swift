import FlowSimTestSupport
import Foundation
import Testing

/// `flowsim compare` with options that share a scenario name and a file
/// name (issue 8): each must stay its own option, in the JSON, the CSV and
/// the table.
@Suite struct CompareLabelsCLITests {
    static let r1 = "Scenarios/reference/R1-mmc.yaml"

    @Test func optionsWithTheSameNameAndFileNameStayApart() throws {
        let dir = try makeTemporaryDirectory("flowsim-compare-labels")
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try String(contentsOf: PackagePaths.root.appendingPathComponent(Self.r1), encoding: .utf8)
        let nine = "        servers: 9 "
        #expect(original.components(separatedBy: nine).count == 2, "R1 no longer has one 'servers: 9' line")
        let copy = dir.appendingPathComponent("a/R1-mmc.yaml"), changed = dir.appendingPathComponent("b/R1-mmc.yaml")
        for (file, text) in [(copy, original), (changed, original.replacingOccurrences(of: nine, with: "        servers: 10"))] {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let json = dir.appendingPathComponent("cmp.json"), csv = dir.appendingPathComponent("cmp.csv")
        let r = try FlowSimTool.run(["compare", Self.r1, copy.path, changed.path, "-r", "3", "-q",
                                     "--set", "run.warmup=1 days", "--set", "run.horizon=5 days",
                                     "--metrics", "ae_wait_for_cubicle_mean_min",
                                     "--json", json.path, "--csv", csv.path])
        #expect(r.status == 0, "\(r.stderr)")

        let labels = ["R1 M/M/c (reference/R1-mmc.yaml)", "R1 M/M/c (a/R1-mmc.yaml)", "R1 M/M/c (b/R1-mmc.yaml)"]
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let ids = try #require(document["option_ids"] as? [[String: Any]])
        #expect(ids.map { $0["label"] as? String } == labels)
        #expect(ids.map { $0["index"] as? Int } == [0, 1, 2])
        let options = try #require(document["options"] as? [[String: Any]])
        #expect(options.map { $0["scenario"] as? String } == labels)

        let differences = try #require(document["differences"] as? [String: [String: [String: [String: Any]]]])
        #expect(differences.keys.sorted() == [labels[1], labels[2]].sorted())
        func wait(_ label: String) throws -> [String: Any] {
            try #require(differences[label]?["system"]?["ae_wait_for_cubicle_mean_min"])
        }
        // The unchanged copy sees the same patients as the reference.
        #expect(try wait(labels[1])["mean"] as? Double == 0)
        #expect(try wait(labels[1])["per_replication"] as? [Double] == [0, 0, 0])
        // A tenth cubicle shortens the wait in every replication.
        let fewer = try #require(try wait(labels[2])["per_replication"] as? [Double])
        #expect(fewer.count == 3 && fewer.allSatisfy { $0 < 0 })

        let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        let waits = rows.filter { $0.contains(",system,ae_wait_for_cubicle_mean_min,") }
        #expect(waits.count == 3)
        #expect(waits[1].split(separator: ",")[6] == "0.0")
        #expect(Double(waits[2].split(separator: ",")[6]).map { $0 < 0 } == true)

        for label in labels { #expect(r.stdout.contains(label)) }
        // Each option after the reference is followed by its paired difference.
        #expect(r.stdout.components(separatedBy: "\n  Δ ").count - 1 == labels.count - 1)
    }
}
