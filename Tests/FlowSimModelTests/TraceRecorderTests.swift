import FlowSim
import FlowSimTestSupport
import Testing

/// A second recorder, written without touching the model: the bounded
/// event trace passes every fact on, so results are unchanged.
@Suite struct TraceRecorderTests {
    static func r2() throws -> ModelConfig {
        try Scenario.load(path: PackagePaths.r2, overrides: [("run.warmup", "2 days"), ("run.horizon", "3 days")]).config
    }

    @Test func aTracedRunGivesTheSameResultsAndABoundedOrderedLog() throws {
        let config = try Self.r2()
        let plain = Replication.run(config, seed: 5, replication: 0)
        let (traced, trace) = Replication.trace(config, seed: 5, replication: 0, limit: 2_000)
        #expect(traced.values == plain.values && traced.eventsHandled == plain.eventsHandled)
        #expect(trace.entries.count == 2_000 && trace.dropped > 0)
        #expect(zip(trace.entries, trace.entries.dropFirst()).allSatisfy { $0.time <= $1.time })

        // The first patient's journey, fact by fact (R2: triage, a cubicle, home or a bed).
        let first = trace.entries.filter { $0.journey == 1 }.map(\.fact)
        #expect(first.first == .arrivedAtDepartment)
        #expect(first.contains(.startedTreatment) && first.contains(.leftDepartment))
        if let left = first.firstIndex(of: .leftDepartment), let start = first.firstIndex(of: .startedTreatment) {
            #expect(start < left)
        }
    }

    @Test func aZeroLimitKeepsNothing() throws {
        let (_, trace) = Replication.trace(try Self.r2(), seed: 5, replication: 0, limit: 0)
        #expect(trace.entries.isEmpty && trace.dropped > 0)
    }
}
