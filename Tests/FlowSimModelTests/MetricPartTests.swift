import FlowSim
import Foundation
import Testing

/// A family's metrics (one per ward, group, stream, ...) are read at their
/// part's place among the parts of their own scope: the system lists wards
/// in first-seen order over the sites, and a site lists its own, so the
/// same ward sits at different places in different scopes.
@Suite struct MetricPartTests {
    /// Site B lists its wards in another order than site A and has one A
    /// lacks: the system's order is medical, surgical, stroke.
    static let yaml = """
        schema: flowsim.scenario/1
        name: ward order
        run: {warmup: 2 days, horizon: 30 days, replications: 1, seed: 4}
        sites:
          A:
            name: Site A
            streams:
              cubicles: {servers: 12, service: {exponential: {mean: 40 min}}}
            wards:
              medical: {beds: 40}
              surgical: {beds: 25}
          B:
            name: Site B
            streams:
              cubicles: {servers: 12, service: {exponential: {mean: 40 min}}}
            wards:
              surgical: {beds: 12}
              stroke: {beds: 8}
              medical: {beds: 30}
        groups:
          med: {stream: cubicles, admit_probability: 0.4, ward: medical, length_of_stay: {exponential: {mean: 2 days}}}
          surg: {stream: cubicles, admit_probability: 0.3, ward: surgical, length_of_stay: {exponential: {mean: 1 day}}}
        arrivals:
          a: {site: A, channel: walk_in, rate_per_hour: 6, mix: {med: 0.6, surg: 0.4}}
          b: {site: B, channel: walk_in, rate_per_hour: 4, mix: {med: 0.5, surg: 0.5}}
        """

    static func config() throws -> ModelConfig {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowsim-ward-order-\(ProcessInfo.processInfo.processIdentifier).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try Scenario.load(path: file.path).config
    }

    /// A ward's mean occupied beds over its occupancy rate is its own bed
    /// count, in every scope: read at another ward's place, it would be
    /// that ward's.
    @Test func eachWardIsReadAtItsOwnPlaceInEveryScope() throws {
        let result = Replication.run(try Self.config(), seed: 4, replication: 0)
        let beds: [String: [String: Double]] = [
            "A": ["medical": 40, "surgical": 25],
            "B": ["surgical": 12, "stroke": 8, "medical": 30],
            "system": ["medical": 70, "surgical": 37, "stroke": 8],
        ]
        for (scope, wards) in beds {
            for (ward, count) in wards {
                let mean = try #require(result.value("ward_\(ward)_occupancy_mean", scopeKey: scope), "\(scope) \(ward)")
                let rate = try #require(result.value("ward_\(ward)_occupancy_rate", scopeKey: scope), "\(scope) \(ward)")
                if ward == "stroke" {
                    // Nobody is admitted to stroke beds: an empty ward, read as such.
                    #expect(mean == 0 && rate == 0, "\(scope) \(ward)")
                } else {
                    #expect(mean > 1, "\(scope) \(ward)")
                    #expect(abs(mean / rate - count) < 1e-9 * count, "\(scope) \(ward): \(mean / rate) beds, not \(count)")
                }
            }
        }
        for ward in ["medical", "surgical"] {
            let name = "ward_\(ward)_occupancy_mean"
            let sum = try #require(result.value(name, scopeKey: "A")) + #require(result.value(name, scopeKey: "B"))
            #expect(try abs(#require(result.value(name, scopeKey: "system")) - sum) < 1e-9 * sum, "\(ward)")
        }
    }

    /// The layout a runner works out once gives the same results as the
    /// one a replication works out for itself.
    @Test func aLayoutGivenOnceGivesTheSameResults() throws {
        let config = try Self.config()
        let own = Replication.run(config, seed: 4, replication: 1)
        let given = Replication.run(config, seed: 4, replication: 1, layout: MetricLayout(config))
        #expect(own.values == given.values)
        #expect(own.layout.metrics.map(\.name) == given.layout.metrics.map(\.name))
    }
}
